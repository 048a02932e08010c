package io.github.campaignbatch.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

import io.github.campaignbatch.support.SampleInputs;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Deterministic (seeded) benchmark inputs: {@code rows} data rows spread over {@code campaigns} campaigns, one
 * valid, unique IMEI per row, every campaign on the same schedule so that nothing is rejected. The campaign of a
 * row is drawn at random, so a campaign's rows are scattered through the file as in a hand-made sheet.
 */
final class BenchData {

	static final String HEADER = "account,campaignName,fileName,fileVersion,distributionType,startDate,endDate,"
			+ "downloadAfterDate,installAfterDate,downloadTimeWindows,installTimeWindows,imei";

	static final long SEED = 20261201L;

	private BenchData() {
	}

	static String[] row(SplittableRandom random, long index, int campaigns) {
		int drawn = random.nextInt(campaigns);
		// the first rows name every campaign once, so that none is left without devices
		int campaign = index < campaigns ? (int) index : drawn;
		LocalDate start = LocalDate.of(2030, 1, 15).plusDays(campaign % 30);
		return new String[] { "bench-account", String.format("Bench campaign %04d", campaign), "tracker-fw-2.4.1.bin",
				"2.4.1", "HTTP", start.toString(), start.plusDays(31).toString(), start.toString(),
				start.plusDays(1).toString(), "1-5", "2-4;22-24", imei(index) };
	}

	/** A valid IMEI (TAC 35209900, serial from the index, Luhn check digit), unique per index. */
	static String imei(long index) {
		// 14 digits before the check digit: TAC 35209900 and a 6-digit serial, carried into the TAC past a million
		return SampleInputs.withCheckDigit(String.format("%014d", 35_209_900_000_000L + index));
	}

	static Path csv(Path dir, long rows, int campaigns) throws IOException {
		Path file = dir.resolve("devices-" + rows + "-" + campaigns + ".csv");
		if (Files.exists(file)) {
			return file;
		}
		Files.createDirectories(dir);
		Path tmp = dir.resolve(file.getFileName() + ".tmp");
		SplittableRandom random = new SplittableRandom(SEED);
		try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
			out.write(HEADER);
			out.write("\r\n");
			for (long i = 0; i < rows; i++) {
				out.write(String.join(",", row(random, i, campaigns)));
				out.write("\r\n");
			}
		}
		Files.move(tmp, file);
		return file;
	}

	/**
	 * The same rows as an XLSX sheet written by POI's streaming writer: text cells as inline strings, the IMEI as
	 * a number cell (what Excel stores when a column of IMEIs is typed in without the Text format).
	 */
	static Path xlsx(Path dir, long rows, int campaigns) throws IOException {
		return xlsx(dir, rows, campaigns, false);
	}

	/**
	 * @param sharedStrings text cells in the shared-strings table, the IMEI as text, as Excel saves a sheet whose
	 * IMEI column is formatted as Text: a million distinct strings in that table
	 */
	static Path xlsx(Path dir, long rows, int campaigns, boolean sharedStrings) throws IOException {
		Path file = dir.resolve("devices-" + rows + "-" + campaigns + (sharedStrings ? "-sst" : "") + ".xlsx");
		if (Files.exists(file)) {
			return file;
		}
		Files.createDirectories(dir);
		Path tmp = dir.resolve(file.getFileName() + ".tmp");
		SplittableRandom random = new SplittableRandom(SEED);
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 200, true, sharedStrings)) {
			workbook.setCompressTempFiles(true);
			Sheet sheet = workbook.createSheet("Devices");
			String[] header = HEADER.split(",");
			Row headerRow = sheet.createRow(0);
			for (int c = 0; c < header.length; c++) {
				headerRow.createCell(c).setCellValue(header[c]);
			}
			for (long i = 0; i < rows; i++) {
				String[] cells = row(random, i, campaigns);
				Row row = sheet.createRow((int) (i + 1));
				for (int c = 0; c < cells.length - 1; c++) {
					row.createCell(c).setCellValue(cells[c]);
				}
				if (sharedStrings) {
					row.createCell(cells.length - 1).setCellValue(cells[cells.length - 1]);
				}
				else {
					row.createCell(cells.length - 1).setCellValue(Double.parseDouble(cells[cells.length - 1]));
				}
			}
			try (OutputStream out = Files.newOutputStream(tmp)) {
				workbook.write(out);
			}
			workbook.dispose();
		}
		Files.move(tmp, file);
		return file;
	}
}
