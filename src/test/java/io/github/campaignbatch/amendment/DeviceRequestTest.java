package io.github.campaignbatch.amendment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.campaignbatch.input.InputFileException;
import io.github.campaignbatch.support.SampleInputs;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files of IMEIs for {@code amend --add/--remove}, read by the input's readers and validated like the input. */
class DeviceRequestTest {

	@TempDir
	Path dir;

	@Test
	void oneImeiPerLineWithoutHeaderIsReadFromItsFirstLine() throws IOException {
		Path add = Files.write(this.dir.resolve("add.txt"), List.of(SampleInputs.imei(1), "", "35-209901-000002-" 
				+ SampleInputs.imei(2).charAt(14), SampleInputs.imei(3) + ";" + SampleInputs.imei(4)));

		DeviceRequest request = DeviceRequest.read(add, null, null);

		assertThat(request.add()).containsExactly(SampleInputs.imei(1), SampleInputs.imei(2), SampleInputs.imei(3),
				SampleInputs.imei(4));
		assertThat(request.leftOut()).isEmpty();
	}

	@Test
	void aCsvOrWorkbookWithAnImeiColumnIsReadByItAndBadOrRepeatedImeisAreLeftOut() throws IOException {
		Path csv = Files.write(this.dir.resolve("remove.csv"), List.of("site;deviceId", "north;" + SampleInputs.imei(1),
				"south;12345", "east;" + SampleInputs.imei(1)));
		Path xlsx = this.dir.resolve("add.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
			Sheet sheet = workbook.createSheet("devices");
			Row header = sheet.createRow(0);
			header.createCell(0).setCellValue("IMEI");
			sheet.createRow(1).createCell(0).setCellValue(SampleInputs.imei(7));
			workbook.write(out);
		}

		DeviceRequest request = DeviceRequest.read(xlsx, csv, null);

		assertThat(request.add()).containsExactly(SampleInputs.imei(7));
		assertThat(request.remove()).containsExactly(SampleInputs.imei(1));
		assertThat(request.leftOut()).containsExactly(
				"--remove remove.csv row 3: INVALID_IMEI IMEI '12345' must be exactly 15 digits (found 5 digits): check"
						+ " the device's IMEI",
				"--remove remove.csv row 4: DUPLICATE_DEVICE IMEI " + SampleInputs.imei(1) + " already listed at row 2: it"
						+ " is sent once");
	}

	@Test
	void aDeviceAskedInAndOutIsLeftOutOfBoth() throws IOException {
		Path add = Files.write(this.dir.resolve("add.txt"), List.of(SampleInputs.imei(1), SampleInputs.imei(2)));
		Path remove = Files.write(this.dir.resolve("remove.txt"), List.of(SampleInputs.imei(2)));

		DeviceRequest request = DeviceRequest.read(add, remove, null);

		assertThat(request.add()).containsExactly(SampleInputs.imei(1));
		assertThat(request.remove()).isEmpty();
		assertThat(request.leftOut()).containsExactly(SampleInputs.imei(2)
				+ " (--add row 2, --remove row 1): asked both in and out, so left out of both");
	}

	@Test
	void aFileThatIsNeitherAListNorHasAnImeiColumnIsRefusedWithWhatToWrite() throws IOException {
		Path words = Files.write(this.dir.resolve("add.csv"), List.of("hello,world", "a,b"));
		Path empty = Files.write(this.dir.resolve("empty.csv"), List.of("imei"));

		assertThatThrownBy(() -> DeviceRequest.read(words, null, null)).isInstanceOf(InputFileException.class)
			.hasMessage("add.csv: row 1 is neither a header row naming an imei column nor an IMEI (found: hello, world):"
					+ " write one IMEI per line, or a header row with a column imei (or deviceId, imeis, deviceList)");
		assertThatThrownBy(() -> DeviceRequest.read(empty, null, null)).isInstanceOf(InputFileException.class)
			.hasMessage("empty.csv: lists no IMEI: write one per line, or fill its imei column");
	}
}
