package io.github.campaignbatch.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.cli.SharedApplication;
import io.github.campaignbatch.report.ReportLine;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.util.CellRangeAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.campaignbatch.input.TestFiles.inlineRow;
import static io.github.campaignbatch.input.TestFiles.row;
import static io.github.campaignbatch.input.TestFiles.workbook;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus (issue 7): {@code validate} end to end on each case, with its exit code and the error
 * it must give. Small text cases are files under {@code src/test/resources/bad-inputs/}; large or binary ones
 * are generated here into a temporary directory.
 * <p>
 * Every case also checks the contract common to all of them: a file-level problem exits 2 with exactly one
 * line on stderr naming the file and the cause, and no report is written; a row-level problem becomes that
 * row's outcome in the report while the other rows are still planned; no stack trace reaches stderr; the
 * input file is left byte for byte as it was, modification time included; and a secret that a hostile file
 * tries to pull in through an XML entity appears nowhere. Below the CLI, the input reader alone refuses each
 * file-level case with that same one line, and reads every other case to its end without any other exception.
 */
class BadInputCorpusTest {

	private static final String RESOURCES = "/bad-inputs/";

	/** What a file outside the input holds; an XXE case points an entity at it. */
	private static final String MARKER = "TOP-SECRET-MARKER-5d1c";

	private static final String HEADER = "fileName,fileVersion,distributionType,startDate,endDate,imei";

	private static final Object[] HEADER_CELLS = HEADER.split(",");

	private static final String IMEI = "352099000000014";

	private static final String OTHER_IMEI = "352099000000022";

	private static final String SHEET_XML = "xl/worksheets/sheet1.xml";

	private static final String SHEET_XML_START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
			+ "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";

	/** One H2 database for the whole corpus: {@code validate} may be repeated on any database. */
	@TempDir
	static Path shared;

	private static CommandRunner runner;

	/**
	 * One application for the whole corpus too: the commands still run through the command line (exit code, stdout,
	 * stderr and report as a user gets them), but a Spring start per case took most of the corpus's time.
	 */
	private static SharedApplication application;

	@TempDir
	Path work;

	@BeforeAll
	static void database() {
		runner = new CommandRunner(shared);
		application = runner.shareOneApplication();
	}

	@AfterAll
	static void closeApplication() {
		application.close();
	}

	/** A file-level problem: exit 2 and one line with this fragment. */
	private static Case fileLevel(String name, Function<Path, Path> input, String fragment) {
		return new Case(name, input, ExitCodes.USAGE, null, fragment, new String[0]);
	}

	/** A row-level problem: exit 3 and a report line with this code and message fragment. */
	private static Case rowLevel(String name, Function<Path, Path> input, String code, String fragment) {
		return new Case(name, input, ExitCodes.REJECTED, code, fragment, new String[0]);
	}

	/** A file read without problems: exit 0, and the fragment (if any) somewhere in the report or on stderr. */
	private static Case clean(String name, Function<Path, Path> input, String fragment) {
		return new Case(name, input, ExitCodes.OK, null, fragment, new String[0]);
	}

	static Stream<Case> corpus() {
		return Stream.of(
				// whole-file problems: the file is refused before anything runs
				fileLevel("empty file", resource("empty.csv"), "is empty"),
				fileLevel("blank lines only", resource("blank-lines-only.csv"), "is empty"),
				fileLevel("header only (CSV)", resource("header-only.csv"), "has a header row but no data rows"),
				fileLevel("header only (XLSX)", BadInputCorpusTest::xlsxHeaderOnly, "has a header row but no data rows"),
				fileLevel("empty sheet (XLSX)", BadInputCorpusTest::xlsxEmptySheet, "is empty"),
				fileLevel("no header match at all", resource("no-header-match.csv"), "does not look like a header row"),
				fileLevel("duplicate header names", resource("duplicate-header.csv"), "duplicate column"),
				fileLevel("a required column missing", resource("missing-required-column.csv"),
						"missing required column(s) distributionType"),
				fileLevel("control characters in header", resource("control-characters-in-header.csv"),
						"missing required column(s)"),
				fileLevel("an .xlsx that is really a CSV", resource("csv-text-named.xlsx"), "rename it to .csv"),
				fileLevel("a .csv that is really an XLSX", BadInputCorpusTest::xlsxNamedCsv, "rename it to .xlsx"),
				fileLevel("legacy .xls", BadInputCorpusTest::legacyXls, "legacy .xls (Excel 97-2003) files are not supported"),
				fileLevel("legacy .xls named .xlsx", BadInputCorpusTest::legacyXlsNamedXlsx,
						"legacy .xls (Excel 97-2003) workbook named .xlsx"),
				fileLevel("unsupported extension", resource("not-a-spreadsheet.pdf"), "unsupported file type '.pdf'"),
				fileLevel("no extension", resource("no-extension"), "has no file extension"),
				fileLevel("truncated XLSX (broken zip)", BadInputCorpusTest::truncatedXlsx, "is corrupted or incomplete"),
				fileLevel("zip header then garbage", BadInputCorpusTest::zipHeaderThenGarbage, "is corrupted or incomplete"),
				fileLevel("malformed workbook XML in a sound zip", BadInputCorpusTest::malformedWorkbookXml,
						"is corrupted or incomplete"),
				fileLevel("zip that is no workbook", BadInputCorpusTest::zipWithoutContentTypes,
						"is a zip archive but not an XLSX workbook"),
				fileLevel("zip bomb (huge expansion ratio)", BadInputCorpusTest::zipBomb, "looks like a zip bomb (expands"),
				fileLevel("zip bomb whose zip directory lies about sizes", BadInputCorpusTest::lyingZipBomb,
						"looks like a zip bomb"),
				fileLevel("thousands of zip parts", BadInputCorpusTest::tooManyParts, "far more internal parts"),
				fileLevel("XXE: external entity in sheet XML", BadInputCorpusTest::externalEntity, "DOCTYPE declaration"),
				fileLevel("XXE: entity expansion (billion laughs)", BadInputCorpusTest::billionLaughs, "DOCTYPE declaration"),
				fileLevel("DOCTYPE hidden behind a comment", BadInputCorpusTest::doctypeAfterComment, "DOCTYPE declaration"),
				fileLevel("password-protected XLSX", BadInputCorpusTest::encrypted, "is password-protected (encrypted)"),
				fileLevel("cell over the size limit (CSV)", BadInputCorpusTest::csvCellOverLimit,
						"is longer than " + ReadOptions.DEFAULT_MAX_CELL_CHARS + " characters"),
				fileLevel("NUL bytes", resource("nul-bytes.csv"), "contains NUL bytes at row 2"),
				fileLevel("invalid UTF-8", resource("invalid-utf8.csv"), "is not valid UTF-8 (row 2)"),
				fileLevel("Windows-1252 CSV", resource("windows-1252.csv"), "is not valid UTF-8 (row 2)"),
				fileLevel("UTF-16 without BOM", resource("utf16-no-bom.csv"), "contains NUL bytes"),
				fileLevel("unclosed quote at the end", resource("unclosed-quote-at-end.csv"),
						"unclosed quote in the record starting at row 3"),
				new Case("--date-format with minutes for months", resource("date-day-first-slashes.csv"),
						ExitCodes.USAGE, null, "'m' is minutes: use MM for the month", "--date-format", "dd/mm/yyyy"),
				new Case("--date-format with a two-digit year", resource("date-day-first-slashes.csv"), ExitCodes.USAGE,
						null, "two-digit year", "--date-format", "dd/MM/yy"),
				new Case("--date-format with week-based year", resource("date-day-first-slashes.csv"), ExitCodes.USAGE,
						null, "week-based year", "--date-format", "dd/MM/YYYY"),

				// row-level problems: the row's outcome, the job goes on
				rowLevel("ragged row: fewer cells than the header", resource("ragged-fewer-cells.csv"), "MISSING_FIELD",
						"endDate is empty"),
				rowLevel("a 1 MB cell (CSV)", BadInputCorpusTest::csvMegabyteCell, "VALUE_TOO_LONG",
						"fileName is longer than 255 characters"),
				rowLevel("a 1 MB cell (XLSX)", BadInputCorpusTest::xlsxMegabyteCell, "VALUE_TOO_LONG",
						"fileName is longer than 255 characters"),
				rowLevel("formula without cached value", BadInputCorpusTest::formulaWithoutCachedValue, "MISSING_FIELD",
						"imei is empty"),
				rowLevel("formula with cached #N/A", BadInputCorpusTest::formulaCachedError, "INVALID_IMEI",
						"IMEI '#N/A'"),
				rowLevel("error cell #N/A", BadInputCorpusTest::errorCell, "INVALID_IMEI", "IMEI '#N/A'"),
				rowLevel("merged cells", BadInputCorpusTest::mergedCells, "MISSING_FIELD", "fileName is empty"),
				rowLevel("date dd/MM/yyyy without --date-format", resource("date-day-first-slashes.csv"), "INVALID_DATE",
						"startDate '25/12/2030' is not a date in the format YYYY-MM-DD"),
				rowLevel("date MM/dd/yyyy", resource("date-month-first-slashes.csv"), "INVALID_DATE", "'12/25/2030'"),
				rowLevel("date dd.MM.yyyy", resource("date-german-dots.csv"), "INVALID_DATE", "'25.12.2030'"),
				rowLevel("date yyyy/MM/dd", resource("date-year-first-slashes.csv"), "INVALID_DATE", "'2030/12/25'"),
				rowLevel("date with a French month name", resource("date-french-month.csv"), "INVALID_DATE",
						"--date-format"),
				rowLevel("date in Japanese", resource("date-japanese.csv"), "INVALID_DATE", "--date-format"),
				rowLevel("ISO date with a time", resource("date-iso-with-time.csv"), "INVALID_DATE", "'2030-12-25T08:00'"),
				rowLevel("impossible date", resource("date-impossible.csv"), "INVALID_DATE", "'2030-02-30'"),
				rowLevel("IMEI in scientific notation", resource("imei-scientific-notation.csv"), "INVALID_IMEI",
						"scientific notation"),
				rowLevel("IMEI in space-separated groups with a wrong check digit", resource("imei-spaced-bad-check-digit.csv"),
						"INVALID_IMEI", "must be exactly 15 digits"),
				rowLevel("IMEI of 14 digits", resource("imei-14-digits.csv"), "INVALID_IMEI", "found 14 digits"),
				rowLevel("IMEI of 16 digits", resource("imei-16-digits.csv"), "INVALID_IMEI", "found 16 digits"),
				rowLevel("IMEI with a bad check digit", resource("imei-bad-check-digit.csv"), "INVALID_IMEI",
						"fails the check digit"),
				rowLevel("time window 25-2", resource("time-window-25-2.csv"), "INVALID_TIME_WINDOW", "'25-2'"),
				rowLevel("time window 4-4", resource("time-window-4-4.csv"), "INVALID_TIME_WINDOW", "'4-4'"),
				rowLevel("time window a-b", resource("time-window-a-b.csv"), "INVALID_TIME_WINDOW", "'a-b'"),

				// odd but readable files
				clean("UTF-16 with BOM", resource("utf16-bom.csv"), "," + IMEI + ","),
				clean("ragged row: more cells than the header", resource("ragged-more-cells.csv"), "," + IMEI + ","),
				clean("IMEI with dashes", resource("imei-with-dashes.csv"), "," + IMEI + ","),
				clean("IMEI in space-separated groups", resource("imei-with-spaces.csv"), "," + IMEI + ","),
				clean("dates with English month names", resource("date-english-month-names.csv"), "," + IMEI + ","),
				new Case("dd/MM/yyyy named with --date-format", resource("date-day-first-slashes.csv"), ExitCodes.OK, null,
						"," + IMEI + ",", "--date-format", "dd/MM/yyyy"),
				clean("formula with cached value", BadInputCorpusTest::formulaWithCachedValue, "," + IMEI + ","),
				clean("hidden sheet before the data", BadInputCorpusTest::hiddenSheetFirst, "," + IMEI + ","),
				clean("a sheet with 16,384 columns", BadInputCorpusTest::sixteenThousandColumns,
						"ignoring unknown column(s)"),
				clean("control characters in an unknown column", resource("control-characters-in-unknown-column.csv"),
						"ignoring unknown column(s) evil?[2J?col with a line break"),
				clean("formula injection in a cell", resource("formula-injection.csv"), "\"'=HYPERLINK("),
				clean("100,000 devices in one cell", BadInputCorpusTest::hundredThousandDevicesInOneCell,
						"," + SampleInputs.imei(100_000) + ","));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void validateGivesTheExpectedOutcome(Case c) throws IOException {
		Path input = c.input().apply(this.work);
		byte[] before = Files.isRegularFile(input) ? Files.readAllBytes(input) : null;
		FileTime modified = Files.getLastModifiedTime(input);
		Path report = this.work.resolve("out").resolve("report.csv");
		List<String> args = new ArrayList<>(List.of("validate", "--input", input.toString(), "--account", "ACC",
				"--today", "2026-01-01", "--report", report.toString()));
		args.addAll(Arrays.asList(c.extraArgs()));

		String readerRefusal = readerRefusal(input);
		Result result = runner.run(args.toArray(String[]::new));

		if (c.exitCode() == ExitCodes.USAGE && c.extraArgs().length == 0) {
			assertThat(readerRefusal).as("the reader alone refuses the file in one line naming it")
				.startsWith(input.getFileName() + ": ")
				.contains(c.fragment())
				.doesNotContain("\n");
		}
		else {
			assertThat(readerRefusal).as("the reader alone reads the file to its end").isNull();
		}
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(c.exitCode());
		assertThat(result.err()).as("no stack trace on stderr").doesNotContain("\tat ").doesNotContain("Exception");
		assertThat(result.err()).as("no control character on stderr").doesNotContainPattern("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
		String reportText = Files.exists(report) ? Files.readString(report) : "";
		if (c.exitCode() == ExitCodes.USAGE) {
			String prefix = c.extraArgs().length > 0 ? "error: --date-format " : "error: " + input.getFileName() + ": ";
			assertThat(result.errLines()).as(result.toString()).singleElement().asString()
				.startsWith(prefix)
				.contains(c.fragment());
			assertThat(report).as("no report for a refused file").doesNotExist();
			assertThat(result.out()).as("nothing ran").isEmpty();
		}
		else {
			assertThat(result.errLines()).as(result.toString()).allMatch((line) -> line.startsWith("warning: "));
			assertThat(result.errLines()).hasSizeLessThanOrEqualTo(1);
			List<String> lines = Files.readAllLines(report);
			assertThat(lines.get(0)).isEqualTo(String.join(",", ReportLine.HEADER));
			if (c.code() != null) {
				assertThat(lines).as(reportText).anyMatch((line) -> line.contains(",INVALID,," + c.code() + ",")
						&& line.contains(c.fragment()));
				assertThat(lines).as("the job went on past the bad row").anyMatch((line) -> line.contains(",PLANNED,"));
			}
			else {
				assertThat(lines.subList(1, lines.size())).as(reportText).allMatch((line) -> line.contains(",PLANNED,"));
				assertThat(reportText + result.err()).contains(c.fragment());
			}
		}
		assertThat(result.out() + result.err() + reportText).doesNotContain(MARKER);
		if (before != null) {
			assertThat(Files.readAllBytes(input)).as("the input file is unchanged").isEqualTo(before);
		}
		assertThat(Files.getLastModifiedTime(input)).as("the input file is untouched").isEqualTo(modified);
	}

	@Test
	void aRefusedFileStartsNothingEvenForARealRun() {
		Path input = truncatedXlsx(this.work);

		Result result = runner.run("run", "--simulate", "--input", input.toString(), "--account", "ACC");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.errLines()).singleElement().asString().contains("campaigns.xlsx").contains("corrupted");
		assertThat(result.out()).doesNotContain("Simulated ThingSpace API").isEmpty();
	}

	@Test
	void xlsxTemporaryCopiesAreDeletedAfterTheRun() throws IOException {
		Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
		List<Path> before = tempCopies(tmp);
		Path good = formulaWithCachedValue(this.work);
		Path broken = externalEntity(this.work);

		Result planned = runner.run("validate", "--input", good.toString(), "--account", "ACC", "--today", "2026-01-01",
				"--report", this.work.resolve("r.csv").toString());
		Result refused = runner.run("validate", "--input", broken.toString());

		assertThat(planned.exitCode()).as(planned.toString()).isZero();
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.USAGE);
		// None of this run's copies is left; another process's copies (another test JVM on the machine) may come and go.
		assertThat(tempCopies(tmp)).isSubsetOf(before);
	}

	/**
	 * What the input reader alone (below the CLI and the job) makes of a file: the message it refuses the file with,
	 * or {@code null} when it reads every row. Any other exception escaping it fails the test.
	 */
	private static String readerRefusal(Path input) {
		try (RowSource source = RowSources.withDataRows(input, ReadOptions.defaults())) {
			while (source.next() != null) {
				// every row, to the end of the file
			}
			return null;
		}
		catch (InputFileException ex) {
			return ex.getMessage();
		}
	}

	private static List<Path> tempCopies(Path tmp) throws IOException {
		try (Stream<Path> files = Files.list(tmp)) {
			return files.filter((file) -> file.getFileName().toString().startsWith("campaign-batch-input-")).toList();
		}
	}

	// ---- committed cases

	private static Function<Path, Path> resource(String name) {
		return (dir) -> {
			try (InputStream in = BadInputCorpusTest.class.getResourceAsStream(RESOURCES + name)) {
				assertThat(in).as("test resource " + name).isNotNull();
				Path file = dir.resolve(name);
				Files.copy(in, file);
				return file;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		};
	}

	// ---- generated cases

	private static Path goodWorkbook(Path file) {
		return workbook(file, (wb) -> {
			Sheet sheet = wb.createSheet("Data");
			row(sheet, 0, HEADER_CELLS);
			row(sheet, 1, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", IMEI);
			row(sheet, 2, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", OTHER_IMEI);
		});
	}

	private static Path xlsxHeaderOnly(Path dir) {
		return workbook(dir.resolve("header-only.xlsx"), (wb) -> row(wb.createSheet("Data"), 0, HEADER_CELLS));
	}

	private static Path xlsxEmptySheet(Path dir) {
		return workbook(dir.resolve("empty-sheet.xlsx"), (wb) -> wb.createSheet("Data"));
	}

	private static Path xlsxNamedCsv(Path dir) {
		return goodWorkbook(dir.resolve("devices.csv"));
	}

	private static Path legacyXls(Path dir) {
		return hssf(dir.resolve("legacy.xls"));
	}

	private static Path legacyXlsNamedXlsx(Path dir) {
		return hssf(dir.resolve("legacy.xlsx"));
	}

	private static Path hssf(Path file) {
		try (HSSFWorkbook wb = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			Sheet sheet = wb.createSheet("Data");
			row(sheet, 0, HEADER_CELLS);
			row(sheet, 1, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", IMEI);
			wb.write(out);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path truncatedXlsx(Path dir) {
		Path whole = goodWorkbook(dir.resolve("whole.xlsx"));
		byte[] bytes = TestFiles.readAllBytes(whole);
		return TestFiles.bytes(dir, "campaigns.xlsx", Arrays.copyOf(bytes, bytes.length * 2 / 3));
	}

	private static Path zipHeaderThenGarbage(Path dir) {
		byte[] garbage = new byte[4096];
		for (int i = 0; i < garbage.length; i++) {
			garbage[i] = (byte) (i * 31 + 7);
		}
		return TestFiles.bytes(dir, "garbage.xlsx", TestFiles.concat(new byte[] { 'P', 'K', 3, 4 }, garbage));
	}

	/** POI fails while loading such a package, and then saves it on close when it was opened from the file. */
	private static Path malformedWorkbookXml(Path dir) {
		return TestFiles.replaceEntry(goodWorkbook(dir.resolve("whole.xlsx")), dir.resolve("malformed.xlsx"),
				"xl/workbook.xml", "<workbook><sheets><sheet name=\"Data\"".getBytes(StandardCharsets.UTF_8));
	}

	private static Path zipWithoutContentTypes(Path dir) {
		return zip(dir.resolve("archive.xlsx"), (zip) -> entry(zip, "devices.csv", (HEADER + "\n").getBytes()));
	}

	private static Path zipBomb(Path dir) {
		String xml = SHEET_XML_START + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + " ".repeat(20_000_000)
				+ "fileName</t></is></c></row></sheetData></worksheet>";
		return TestFiles.replaceEntry(goodWorkbook(dir.resolve("whole.xlsx")), dir.resolve("bomb.xlsx"), SHEET_XML,
				xml.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A zip bomb whose central directory and data descriptor claim the sheet expands only twice: the directory
	 * check believes it, and POI's guard, which counts the bytes actually inflated, must catch it.
	 */
	private static Path lyingZipBomb(Path dir) {
		byte[] zip = TestFiles.readAllBytes(zipBomb(dir));
		ByteBuffer bytes = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
		byte[] name = SHEET_XML.getBytes(StandardCharsets.UTF_8);
		int patched = 0;
		for (int at = 0; at + 46 < zip.length; at++) {
			if (bytes.getInt(at) == 0x02014b50 && bytes.getShort(at + 28) == name.length
					&& Arrays.equals(zip, at + 46, at + 46 + name.length, name, 0, name.length)) {
				int compressed = bytes.getInt(at + 20);
				int localHeader = bytes.getInt(at + 42);
				bytes.putInt(at + 24, compressed * 2);
				// the data descriptor after the entry's data, as ZipOutputStream writes it
				int data = localHeader + 30 + bytes.getShort(localHeader + 26) + bytes.getShort(localHeader + 28);
				int descriptor = data + compressed;
				assertThat(bytes.getInt(descriptor)).isEqualTo(0x08074b50);
				bytes.putInt(descriptor + 12, compressed * 2);
				patched++;
			}
		}
		assertThat(patched).isEqualTo(1);
		return TestFiles.bytes(dir, "lying-bomb.xlsx", zip);
	}

	private static Path tooManyParts(Path dir) {
		Path whole = goodWorkbook(dir.resolve("whole.xlsx"));
		return zip(dir.resolve("many-parts.xlsx"), (zip) -> {
			try (ZipFile source = new ZipFile(whole.toFile())) {
				for (ZipEntry e : Collections.list(source.entries())) {
					try (InputStream in = source.getInputStream(e)) {
						entry(zip, e.getName(), in.readAllBytes());
					}
				}
			}
			for (int i = 0; i < 5000; i++) {
				entry(zip, "xl/media/image" + i + ".png", new byte[] { 1 });
			}
		});
	}

	private static Path externalEntity(Path dir) {
		Path secret;
		try {
			secret = Files.writeString(dir.resolve("secret.txt"), MARKER);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \""
				+ secret.toUri() + "\">]><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
				+ "<sheetData>" + inlineRow(1, HEADER_CELLS)
				+ inlineRow(2, "&xxe;", "1.0", "HTTP", "2030-01-01", "2030-01-31", IMEI) + "</sheetData></worksheet>";
		return TestFiles.replaceEntry(goodWorkbook(dir.resolve("whole.xlsx")), dir.resolve("xxe.xlsx"), SHEET_XML,
				xml.getBytes(StandardCharsets.UTF_8));
	}

	private static Path billionLaughs(Path dir) {
		StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
		for (int i = 1; i <= 9; i++) {
			entities.append("<!ENTITY lol").append(i).append(" \"")
				.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
		}
		String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE worksheet [" + entities + "]>"
				+ "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
				+ inlineRow(1, HEADER_CELLS) + inlineRow(2, "&lol9;", "1.0", "HTTP", "2030-01-01", "2030-01-31", IMEI)
				+ "</sheetData></worksheet>";
		return TestFiles.replaceEntry(goodWorkbook(dir.resolve("whole.xlsx")), dir.resolve("laughs.xlsx"), SHEET_XML,
				xml.getBytes(StandardCharsets.UTF_8));
	}

	private static Path doctypeAfterComment(Path dir) {
		String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!----><!-- <worksheet> --><?pi <x?>"
				+ "<!doctype worksheet [<!ENTITY e \"x\">]>"
				+ "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
				+ inlineRow(1, HEADER_CELLS) + inlineRow(2, "&e;", "1.0", "HTTP", "2030-01-01", "2030-01-31", IMEI)
				+ "</sheetData></worksheet>";
		return TestFiles.replaceEntry(goodWorkbook(dir.resolve("whole.xlsx")), dir.resolve("comment.xlsx"),
				SHEET_XML, xml.getBytes(StandardCharsets.UTF_8));
	}

	private static Path encrypted(Path dir) {
		return TestFiles.encrypted(goodWorkbook(dir.resolve("plain.xlsx")), dir.resolve("protected.xlsx"), "s3cret");
	}

	private static Path csvCellOverLimit(Path dir) {
		String cell = "x".repeat(ReadOptions.DEFAULT_MAX_CELL_CHARS + 1);
		return TestFiles.text(dir, "huge-cell.csv", HEADER + "\n" + cell + ",1.0,HTTP,2030-01-01,2030-01-31," + IMEI + "\n");
	}

	private static Path csvMegabyteCell(Path dir) {
		String cell = "x".repeat(1024 * 1024);
		return TestFiles.text(dir, "megabyte-cell.csv", HEADER + "\n" + cell + ",1.0,HTTP,2030-01-01,2030-01-31," + IMEI
				+ "\nfw.bin,1.0,HTTP,2030-01-01,2030-01-31," + OTHER_IMEI + "\n");
	}

	private static Path xlsxMegabyteCell(Path dir) {
		// Excel caps a cell at 32,767 characters, but other writers do not. Varied text: a megabyte of one letter
		// compresses like a zip bomb, and is refused as one.
		StringBuilder cell = new StringBuilder();
		java.util.Random random = new java.util.Random(7);
		while (cell.length() < 1024 * 1024) {
			cell.append((char) ('a' + random.nextInt(26)));
		}
		String xml = SHEET_XML_START + inlineRow(1, HEADER_CELLS)
				+ inlineRow(2, cell, "1.0", "HTTP", "2030-01-01", "2030-01-31", IMEI)
				+ inlineRow(3, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", OTHER_IMEI) + "</sheetData></worksheet>";
		return TestFiles.replaceEntry(goodWorkbook(dir.resolve("whole.xlsx")), dir.resolve("megabyte-cell.xlsx"),
				SHEET_XML, xml.getBytes(StandardCharsets.UTF_8));
	}

	private static Path formulaWithCachedValue(Path dir) {
		return workbook(dir.resolve("formula-cached.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet("Data");
			row(sheet, 0, HEADER_CELLS);
			Row data = row(sheet, 1, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31");
			data.createCell(5).setCellFormula("\"" + IMEI.substring(0, 10) + "\"&\"" + IMEI.substring(10) + "\"");
			wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
		});
	}

	private static Path formulaWithoutCachedValue(Path dir) {
		return workbook(dir.resolve("formula-uncached.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet("Data");
			row(sheet, 0, HEADER_CELLS);
			Row data = row(sheet, 1, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31");
			data.createCell(5).setCellFormula("\"" + IMEI + "\"");
			row(sheet, 2, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", OTHER_IMEI);
		});
	}

	private static Path formulaCachedError(Path dir) {
		return workbook(dir.resolve("formula-na.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet("Data");
			row(sheet, 0, HEADER_CELLS);
			Row data = row(sheet, 1, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31");
			data.createCell(5).setCellFormula("NA()");
			row(sheet, 2, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", OTHER_IMEI);
			wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
		});
	}

	private static Path errorCell(Path dir) {
		return workbook(dir.resolve("error-cell.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet("Data");
			row(sheet, 0, HEADER_CELLS);
			Row data = row(sheet, 1, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31");
			data.createCell(5).setCellErrorValue(FormulaError.NA.getCode());
			row(sheet, 2, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", OTHER_IMEI);
		});
	}

	private static Path mergedCells(Path dir) {
		return workbook(dir.resolve("merged.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet("Data");
			row(sheet, 0, HEADER_CELLS);
			row(sheet, 1, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", OTHER_IMEI);
			row(sheet, 2, null, "1.0", "HTTP", "2030-01-01", "2030-01-31", IMEI);
			sheet.addMergedRegion(new CellRangeAddress(1, 2, 0, 0));
		});
	}

	private static Path hiddenSheetFirst(Path dir) {
		return workbook(dir.resolve("hidden.xlsx"), (wb) -> {
			Sheet old = wb.createSheet("Old");
			row(old, 0, "whatever", "was", "here");
			row(old, 1, "1", "2", "3");
			Sheet data = wb.createSheet("Data");
			row(data, 0, HEADER_CELLS);
			row(data, 1, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", IMEI);
			wb.setActiveSheet(1);
			wb.setSheetVisibility(0, SheetVisibility.HIDDEN);
		});
	}

	private static Path sixteenThousandColumns(Path dir) {
		return workbook(dir.resolve("wide.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet("Data");
			Row header = row(sheet, 0, HEADER_CELLS);
			Row data = row(sheet, 1, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", IMEI);
			int last = wb.getSpreadsheetVersion().getLastColumnIndex();
			assertThat(last + 1).isEqualTo(16_384);
			for (int i = HEADER_CELLS.length; i <= last; i++) {
				header.createCell(i).setCellValue("extra" + i);
				data.createCell(i).setCellValue(i);
			}
		});
	}

	private static Path hundredThousandDevicesInOneCell(Path dir) {
		StringBuilder imeis = new StringBuilder();
		for (int i = 1; i <= 100_000; i++) {
			imeis.append(i == 1 ? "" : ";").append(SampleInputs.imei(i));
		}
		return TestFiles.text(dir, "hundred-thousand.csv",
				"campaignName," + HEADER + "\nbig,fw.bin,1.0,HTTP,2030-01-01,2030-01-31,\"" + imeis + "\"\n");
	}

	// ---- helpers

	private interface ZipContent {

		void write(ZipOutputStream zip) throws IOException;
	}

	private static Path zip(Path file, ZipContent content) {
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			content.write(zip);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(content);
		zip.closeEntry();
	}

	/** One corpus case; {@code code} is the report's error code for a row-level problem, else {@code null}. */
	record Case(String name, Function<Path, Path> input, int exitCode, String code, String fragment,
			String... extraArgs) {

		@Override
		public String toString() {
			return this.name;
		}
	}
}
