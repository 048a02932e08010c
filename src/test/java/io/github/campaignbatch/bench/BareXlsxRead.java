package io.github.campaignbatch.bench;

import java.io.File;
import java.math.BigDecimal;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

/**
 * Baseline: a bare fastexcel-reader read (the project's reader, with number formats as the job reads them)
 * touching every cell value, shared strings included.
 */
public final class BareXlsxRead {

	private BareXlsxRead() {
	}

	public static void main(String[] args) throws Exception {
		long rows = 0;
		long cells = 0;
		long chars = 0;
		try (ReadableWorkbook workbook = new ReadableWorkbook(new File(args[0]), new ReadingOptions(true, false));
				Stream<Row> sheet = workbook.getFirstSheet().openStream()) {
			for (Row row : (Iterable<Row>) sheet::iterator) {
				rows++;
				for (Cell cell : row) {
					if (cell == null) {
						continue;
					}
					cells++;
					if (cell.getValue() instanceof BigDecimal number) {
						chars += number.longValue() & 1;
					}
					else {
						chars += cell.getText().length();
					}
				}
			}
		}
		System.out.println("rows=" + (rows - 1) + " cells=" + cells + " chars=" + chars);
	}
}
