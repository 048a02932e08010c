package io.github.campaignbatch.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.campaignbatch.report.EarlierReports.Writer;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21: a later validate or run of a file with the same name no longer overwrites the report of another run; the
 * earlier one is kept beside it, and the summary says where. A validate redone on the same content and account (or
 * a run after its validate) replaces its preview without clutter.
 */
class EarlierReportsTest {

	private static final Path SAMPLE = Path.of("input-samples", "clean-campaigns.csv");

	private static final Pattern EXECUTION = Pattern.compile("\\(execution (\\d+)\\)");

	@TempDir
	Path work;

	/** One database for the whole test: each runner made on a folder gets a fresh one (on PostgreSQL). */
	private CommandRunner runner;

	@Test
	void aReportSupersedesOnlyItsOwnInstancesAndThePreviewOfTheSameContentAndAccount() {
		Writer validateA = new Writer(1, 1, true, "sha", "A");
		assertThat(EarlierReports.supersedes(new Writer(2, 2, true, "sha", "A"), validateA)).isTrue();
		assertThat(EarlierReports.supersedes(new Writer(2, 2, false, "sha", "A"), validateA)).isTrue();
		assertThat(EarlierReports.supersedes(new Writer(2, 2, true, "sha", "B"), validateA)).isFalse();
		assertThat(EarlierReports.supersedes(new Writer(2, 2, true, "other", "A"), validateA)).isFalse();
		Writer runA = new Writer(3, 3, false, "sha", "A");
		assertThat(EarlierReports.supersedes(new Writer(4, 4, true, "sha", "A"), runA)).isFalse();
		assertThat(EarlierReports.supersedes(new Writer(5, 3, false, "sha", "A"), runA)).isTrue();
	}

	@Test
	void theKeptNameSaysWhoseReportItWas() {
		Path report = Path.of("out", "fleet.csv.results.xlsx");
		assertThat(EarlierReports.keptAs(report, 7)).isEqualTo(Path.of("out", "fleet.csv.results.execution-7.xlsx"));
		assertThat(EarlierReports.keptName(report, null, 0))
			.isEqualTo(Path.of("out", "fleet.csv.results.earlier-19700101-000000.xlsx"));
	}

	@Test
	void aReportNamedNearTheFileSystemsLimitIsKeptUnderAShortenedNameThatFits() throws IOException {
		// 250 bytes in UTF-8: "é" is two, and a cut never splits a character
		String stem = "fleet-" + "é".repeat(115) + "ab.results";
		Path report = Files.createFile(this.work.resolve(stem + ".csv"));
		assertThat(report.getFileName().toString().getBytes(StandardCharsets.UTF_8)).hasSize(250);

		Path kept = EarlierReports.keptAs(report, 12345);
		String name = kept.getFileName().toString();

		assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(EarlierReports.MAX_KEPT_NAME_BYTES);
		assertThat(name).startsWith("fleet-éé").endsWith("é.execution-12345.csv");
		assertThat(kept.getParent()).isEqualTo(report.getParent());
		Files.move(report, kept);
		assertThat(kept).exists();
		// and the name taken already, as the keeper then does
		assertThat(Files.createFile(kept.resolveSibling(name.replace(".csv", "-99.csv")))).exists();
	}

	@Test
	@Tag("database")
	void aValidateForAnotherAccountKeepsTheEarlierReportAndSaysWhere() throws IOException {
		Path report = this.work.resolve("clean.results.csv");
		Result first = validate("ACC-A", report);
		List<String> firstReport = Files.readAllLines(report);

		Result second = validate("ACC-B", report);

		Path kept = this.work.resolve("clean.results.execution-" + execution(first) + ".csv");
		assertThat(kept).exists();
		assertThat(Files.readAllLines(kept)).isEqualTo(firstReport).anyMatch(line -> line.contains(",ACC-A,"));
		assertThat(Files.readAllLines(report)).anyMatch(line -> line.contains(",ACC-B,"))
			.noneMatch(line -> line.contains(",ACC-A,"));
		assertThat(second.out()).contains("  earlier report     execution " + execution(first) + "'s (a validate), kept as "
				+ kept);
	}

	@Test
	@Tag("database")
	void theSameValidateRedoneReplacesItsPreviewWithoutClutter() throws IOException {
		Path report = this.work.resolve("clean.results.csv");
		validate("ACC-A", report);
		Result again = validate("ACC-A", report);

		assertThat(again.out()).doesNotContain("earlier report");
		try (var files = Files.list(this.work)) {
			assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith("clean.")))
				.containsExactly("clean.results.csv");
		}
	}

	@Test
	@Tag("database")
	void aRunsReportIsNeverReplacedByALaterValidateAndRunningAgainPointsAtIt() throws IOException {
		Path report = this.work.resolve("clean.results.csv");
		Result run = runner().run("run", "--simulate", "--input", SAMPLE.toString(), "--account", "ACC-A", "--report",
				report.toString());
		assertThat(run.exitCode()).as(run.toString()).isZero();
		List<String> sent = Files.readAllLines(report);
		assertThat(sent).anyMatch(line -> line.contains(",SCHEDULED,"));

		Result preview = validate("ACC-A", report);

		Path kept = this.work.resolve("clean.results.execution-" + execution(run) + ".csv");
		assertThat(Files.readAllLines(kept)).isEqualTo(sent);
		assertThat(preview.out()).contains("execution " + execution(run) + "'s (a run), kept as " + kept);
		Result again = runner().run("run", "--simulate", "--input", SAMPLE.toString(), "--account", "ACC-A", "--report",
				report.toString());
		assertThat(again.out()).contains("Already processed").contains("Report: " + kept);
	}

	private Result validate(String account, Path report) {
		Result result = runner().run("validate", "--input", SAMPLE.toString(), "--account", account,
				"--today", "2026-01-01", "--report", report.toString());
		assertThat(result.exitCode()).as(result.toString()).isZero();
		return result;
	}

	private CommandRunner runner() {
		if (this.runner == null) {
			this.runner = new CommandRunner(this.work);
		}
		return this.runner;
	}

	private static long execution(Result result) {
		Matcher matcher = EXECUTION.matcher(result.out());
		assertThat(matcher.find()).as(result.out()).isTrue();
		return Long.parseLong(matcher.group(1));
	}
}
