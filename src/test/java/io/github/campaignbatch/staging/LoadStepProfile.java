package io.github.campaignbatch.staging;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.campaignbatch.input.InputRow;
import io.github.campaignbatch.input.RowSource;
import io.github.campaignbatch.input.RowSources;
import io.github.campaignbatch.validation.DateParser;
import io.github.campaignbatch.validation.DeviceEntry;
import io.github.campaignbatch.validation.RowValidator;

/**
 * Not a test: {@code make bench}'s profile of the load step, in parts. Reads an input three times after a warm-up pass (read only;
 * read and validate; read, validate and append to a staging file, as the load step does) and prints the CPU
 * time of the thread doing it each time, which a busy machine blurs far less than wall time. The differences are
 * the cost of validating and of staging per row.
 */
public final class LoadStepProfile {

	private static final int CHUNK = 5000;

	private LoadStepProfile() {
	}

	public static void main(String[] args) throws Exception {
		Path input = Path.of(args[0]);
		// a first pass warms the JIT up, so that the first measured part is not charged with compiling
		run(input, true, true);
		double read = run(input, false, false);
		double validate = run(input, true, false);
		double stage = run(input, true, true);
		System.out.printf(Locale.ROOT, "load step parts (CPU of the validating thread): read %.2f s, validate +%.2f s,"
				+ " stage (device lines, then one DuckDB insert) +%.2f s%n", read, validate - read, stage - validate);
	}

	private static double run(Path input, boolean validate, boolean stage) throws Exception {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long start = threads.getCurrentThreadCpuTime();
		RowValidator validator = new RowValidator("bench-account", LocalDate.parse("2026-12-01"), new DateParser(null),
				"0".repeat(64));
		Path directory = Files.createTempDirectory("load-profile");
		StagedInstance staged = null;
		StagedLoad load = null;
		if (stage) {
			staged = StagedInstance.open(directory.resolve("profile.duckdb"), new StagingSettings(directory, "256MB", 2));
			staged.create(1);
			load = new StagedLoad(staged);
		}
		List<DeviceEntry> chunk = new ArrayList<>();
		try (RowSource source = RowSources.open(input)) {
			for (InputRow row = source.next(); row != null; row = source.next()) {
				if (validate) {
					List<DeviceEntry> entries = validator.validate(row);
					if (stage) {
						chunk.addAll(entries);
						if (chunk.size() >= CHUNK) {
							load.append(chunk);
							chunk.clear();
						}
					}
				}
			}
		}
		if (staged != null) {
			load.append(chunk);
			load.finish();
			load.close();
			staged.close();
		}
		double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
		try (var files = Files.walk(directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		return seconds;
	}
}
