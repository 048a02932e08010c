package io.github.campaignbatch.bench;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;

/** Baseline: a bare opencsv read (RFC 4180 parser, as the project's reader uses) that only counts rows and cells. */
public final class BareCsvRead {

	private BareCsvRead() {
	}

	public static void main(String[] args) throws Exception {
		long rows = 0;
		long cells = 0;
		try (Reader reader = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8);
				CSVReader csv = new CSVReaderBuilder(reader).withCSVParser(new RFC4180ParserBuilder().build()).build()) {
			String[] line;
			while ((line = csv.readNext()) != null) {
				rows++;
				cells += line.length;
			}
		}
		System.out.println("rows=" + (rows - 1) + " cells=" + cells);
	}
}
