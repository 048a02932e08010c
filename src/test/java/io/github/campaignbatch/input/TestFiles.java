package io.github.campaignbatch.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Writes test fixtures: CSV text in a given encoding, and workbooks written with POI's XSSF writer. */
final class TestFiles {

	/** The required columns, comma-separated, as a minimal CSV header. */
	static final String REQUIRED_HEADER = "fileName,fileVersion,distributionType,startDate,endDate,imei";

	private TestFiles() {
	}

	static Path text(Path dir, String name, String content) {
		return text(dir, name, content, StandardCharsets.UTF_8);
	}

	static Path text(Path dir, String name, String content, Charset charset) {
		return bytes(dir, name, content.getBytes(charset));
	}

	static Path bytes(Path dir, String name, byte[] content) {
		try {
			return Files.write(dir.resolve(name), content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] all = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, at, part.length);
			at += part.length;
		}
		return all;
	}

	/** Every data row of a file, read with the given options. */
	static List<InputRow> readAll(Path file, ReadOptions options) {
		try (RowSource source = RowSources.open(file, options)) {
			List<InputRow> rows = new ArrayList<>();
			for (InputRow row = source.next(); row != null; row = source.next()) {
				rows.add(row);
			}
			return rows;
		}
	}

	static List<InputRow> readAll(Path file) {
		return readAll(file, ReadOptions.defaults());
	}

	/** Writes a workbook built by {@code content} with XSSF, which is fine for fixtures but not for reading. */
	static Path workbook(Path file, Consumer<Workbook> content) {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			content.accept(workbook);
			workbook.write(out);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes one row of cells: a {@link String} as a text cell, a {@link Number} as a numeric cell, a
	 * {@link LocalDate} or {@link LocalDateTime} as a date cell shown as {@code yyyy-mm-dd}, a {@link Boolean}
	 * as a boolean cell and {@code null} as no cell at all.
	 */
	static Row row(Sheet sheet, int rowIndex, Object... values) {
		Row row = sheet.createRow(rowIndex);
		for (int i = 0; i < values.length; i++) {
			Object value = values[i];
			if (value == null) {
				continue;
			}
			Cell cell = row.createCell(i);
			if (value instanceof String text) {
				cell.setCellValue(text);
			}
			else if (value instanceof Number number) {
				cell.setCellValue(number.doubleValue());
			}
			else if (value instanceof LocalDate date) {
				cell.setCellValue(date);
				cell.setCellStyle(dateStyle(sheet.getWorkbook(), "yyyy-mm-dd"));
			}
			else if (value instanceof LocalDateTime dateTime) {
				cell.setCellValue(dateTime);
				cell.setCellStyle(dateStyle(sheet.getWorkbook(), "yyyy-mm-dd hh:mm"));
			}
			else if (value instanceof Boolean bool) {
				cell.setCellValue(bool);
			}
			else {
				throw new IllegalArgumentException("no cell type for " + value.getClass());
			}
		}
		return row;
	}

	static CellStyle dateStyle(Workbook workbook, String format) {
		CellStyle style = workbook.createCellStyle();
		style.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat(format));
		return style;
	}

	/** A copy of a zip file (a workbook) with one entry's content replaced. */
	static Path replaceEntry(Path zip, Path copy, String entryName, byte[] content) {
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				out.putNextEntry(new ZipEntry(entry.getName()));
				if (entry.getName().equals(entryName)) {
					out.write(content);
				}
				else {
					in.transferTo(out);
				}
				out.closeEntry();
			}
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A copy of a zip file (a workbook) with one more entry. */
	static Path addEntry(Path zip, Path copy, String entryName, byte[] content) {
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				out.putNextEntry(new ZipEntry(entry.getName()));
				in.transferTo(out);
				out.closeEntry();
			}
			out.putNextEntry(new ZipEntry(entryName));
			out.write(content);
			out.closeEntry();
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A password-protected copy of a workbook, encrypted as Excel does (agile encryption in an OLE2 container). */
	static Path encrypted(Path plain, Path file, String password) {
		try (POIFSFileSystem container = new POIFSFileSystem()) {
			Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
			encryptor.confirmPassword(password);
			try (OPCPackage workbook = OPCPackage.open(Files.newInputStream(plain));
					OutputStream encrypted = encryptor.getDataStream(container)) {
				workbook.save(encrypted);
			}
			try (OutputStream out = Files.newOutputStream(file)) {
				container.writeFilesystem(out);
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot encrypt " + plain, ex);
		}
	}

	/** A sheet XML row of inline-string cells, for sheets written by hand. */
	static String inlineRow(int rowNumber, Object... values) {
		StringBuilder xml = new StringBuilder("<row r=\"" + rowNumber + "\">");
		for (int i = 0; i < values.length; i++) {
			xml.append("<c r=\"").append(Messages.columnLetter(i)).append(rowNumber)
				.append("\" t=\"inlineStr\"><is><t>").append(values[i]).append("</t></is></c>");
		}
		return xml.append("</row>").toString();
	}

	static byte[] readAllBytes(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
