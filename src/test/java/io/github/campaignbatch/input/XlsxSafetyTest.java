package io.github.campaignbatch.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.campaignbatch.input.TestFiles.inlineRow;
import static io.github.campaignbatch.input.TestFiles.readAll;
import static io.github.campaignbatch.input.TestFiles.replaceEntry;
import static io.github.campaignbatch.input.TestFiles.row;
import static io.github.campaignbatch.input.TestFiles.workbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks made on a workbook's zip directory and XML prologs before POI opens it, and the private copy. */
class XlsxSafetyTest {

	private static final Object[] HEADER = TestFiles.REQUIRED_HEADER.split(",");

	private static final String SHEET_XML = "xl/worksheets/sheet1.xml";

	private static final String WORKSHEET = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
			+ "<sheetData>" + inlineRow(1, HEADER) + inlineRow(2, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31",
					"353456789012348") + "</sheetData></worksheet>";

	@TempDir
	Path dir;

	@Test
	void anOrdinaryWorkbookPassesTheChecks() {
		assertThat(readAll(plainWorkbook())).hasSize(1);
	}

	@Test
	void aSheetWrittenByHandWithoutDoctypePasses() {
		Path file = withSheet("<?xml version=\"1.0\"?><!-- a comment --><?pi x?>" + WORKSHEET, StandardCharsets.UTF_8);

		assertThat(readAll(file)).hasSize(1);
	}

	@Test
	void aDoctypeInAUtf16PartIsFoundToo() {
		Path file = withSheet("<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE worksheet>" + WORKSHEET,
				StandardCharsets.UTF_16LE);

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class)
			.hasMessage("campaigns.xlsx: has an XML part (xl/worksheets/sheet1.xml) with a DOCTYPE declaration, which "
					+ "Excel never writes and XML entity attacks need: refused; re-save it from Excel");
	}

	@Test
	void aDoctypeInARelationshipsPartIsRefused() {
		String rels = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x \"y\">]><Relationships "
				+ "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>";
		Path file = replaceEntry(plainWorkbook(), this.dir.resolve("campaigns.xlsx"), "_rels/.rels",
				rels.getBytes(StandardCharsets.UTF_8));

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class)
			.hasMessageContaining("(_rels/.rels) with a DOCTYPE declaration");
	}

	@Test
	void aDoctypeInAnXmlPartNotNamedXmlIsRefusedButBinaryPartsAreNotScanned() {
		byte[] xml = ("\uFEFF <?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"y\">]><x/>").getBytes(StandardCharsets.UTF_8);
		Path withXml = TestFiles.addEntry(plainWorkbook(), this.dir.resolve("campaigns.xlsx"), "xl/custom/part.dat", xml);
		byte[] binary = new byte[XlsxSafety.MAX_PROLOG_BYTES * 2];
		new java.util.Random(1).nextBytes(binary);
		binary[0] = (byte) 0x89; // as PNG starts, not '<'
		binary[1] = '<';
		Path withImage = workbook(this.dir.resolve("image.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet("Data");
			row(sheet, 0, HEADER);
			row(sheet, 1, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", 353456789012348d);
			wb.addPicture(binary, org.apache.poi.ss.usermodel.Workbook.PICTURE_TYPE_PNG);
		});

		assertThatThrownBy(() -> readAll(withXml)).isInstanceOf(InputFileException.class)
			.hasMessageContaining("(xl/custom/part.dat) with a DOCTYPE declaration");
		assertThat(readAll(withImage)).hasSize(1);
	}

	@Test
	void aDoctypeAfterAnEmptyCommentIsNotMissed() {
		Path file = withSheet("<?xml version=\"1.0\"?><!----><!DOCTYPE worksheet>" + WORKSHEET, StandardCharsets.UTF_8);

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class)
			.hasMessageContaining("DOCTYPE declaration");
	}

	@Test
	void aPrologLongerThanAnyRealOneIsRefused() {
		Path file = withSheet("<?xml version=\"1.0\"?><!-- " + "x".repeat(XlsxSafety.MAX_PROLOG_BYTES) + " -->" + WORKSHEET,
				StandardCharsets.UTF_8);

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class)
			.hasMessage("campaigns.xlsx: has an XML part (xl/worksheets/sheet1.xml) whose root element does not start "
					+ "within 64 KB, as crafted files do: refused");
	}

	@Test
	void aHeaderWithoutDataRowsIsAFileLevelProblem() {
		Path xlsx = workbook(this.dir.resolve("campaigns.xlsx"), (wb) -> row(wb.createSheet("Data"), 0, HEADER));
		Path csv = TestFiles.text(this.dir, "campaigns.csv", TestFiles.REQUIRED_HEADER + "\n\n,,,\n");

		for (Path file : List.of(xlsx, csv)) {
			try (RowSource lenient = RowSources.open(file)) {
				assertThat(lenient.next()).as("a blank template opens").isNull();
			}
			assertThatThrownBy(() -> RowSources.withDataRows(file, ReadOptions.defaults()))
				.isInstanceOf(InputFileException.class)
				.hasMessage(file.getFileName() + ": has a header row but no data rows: add one row per device (or list "
						+ "of devices) below the header");
		}
	}

	@Test
	void theWorkbookIsReadFromAPrivateCopyDeletedOnClose() throws IOException {
		Path file = plainWorkbook();
		List<Path> before = copies();

		try (RowSource source = RowSources.withDataRows(file, ReadOptions.defaults())) {
			List<Path> during = copies();
			assertThat(during).hasSize(before.size() + 1);
			Path copy = during.stream().filter((p) -> !before.contains(p)).findFirst().orElseThrow();
			assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(file));
			if (copy.getFileSystem().supportedFileAttributeViews().contains("posix")) {
				assertThat(Files.getPosixFilePermissions(copy)).allMatch((p) -> p.name().startsWith("OWNER_"));
			}
			assertThat(source.next()).isNotNull();
		}

		assertThat(copies()).containsExactlyInAnyOrderElementsOf(before);
	}

	@Test
	void copiesLeftBehindByAKilledRunAreRemovedOnceADayOld() throws IOException {
		Path temp = Files.createDirectories(this.dir.resolve("tmp"));
		Instant now = Instant.parse("2026-11-30T12:00:00Z");
		Path stale = aged(Files.createFile(temp.resolve("campaign-batch-input-1.xlsx")), now.minus(Duration.ofHours(25)));
		Path recent = aged(Files.createFile(temp.resolve("campaign-batch-input-2.xlsx")), now.minus(Duration.ofHours(2)));
		Path unrelated = aged(Files.createFile(temp.resolve("report.xlsx")), now.minus(Duration.ofDays(3)));

		int removed = XlsxRowSource.removeStaleCopies(temp, Files.getOwner(temp), now);

		assertThat(removed).isEqualTo(1);
		assertThat(stale).doesNotExist();
		assertThat(recent).exists();
		assertThat(unrelated).exists();
	}

	private static Path aged(Path file, Instant modified) throws IOException {
		Files.setLastModifiedTime(file, FileTime.from(modified));
		return file;
	}

	private static List<Path> copies() throws IOException {
		try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return files.filter((file) -> file.getFileName().toString().startsWith("campaign-batch-input-")).toList();
		}
	}

	private Path plainWorkbook() {
		return workbook(this.dir.resolve("plain.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet("Data");
			row(sheet, 0, HEADER);
			row(sheet, 1, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", 353456789012348d);
		});
	}

	private Path withSheet(String xml, java.nio.charset.Charset charset) {
		return replaceEntry(plainWorkbook(), this.dir.resolve("campaigns.xlsx"), SHEET_XML, xml.getBytes(charset));
	}
}
