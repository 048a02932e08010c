package io.github.campaignbatch.bench;

import java.io.File;

import com.github.pjfanning.xlsx.StreamingReader;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;

/** Baseline: a bare POI streaming read (excel-streaming-reader, the project's settings) touching every cell value. */
public final class BareXlsxRead {

	private BareXlsxRead() {
	}

	public static void main(String[] args) throws Exception {
		long rows = 0;
		long cells = 0;
		long chars = 0;
		try (Workbook workbook = StreamingReader.builder().rowCacheSize(100).bufferSize(8192).open(new File(args[0]))) {
			for (Row row : workbook.getSheetAt(0)) {
				rows++;
				for (Cell cell : row) {
					cells++;
					if (cell.getCellType() == CellType.NUMERIC) {
						chars += (long) cell.getNumericCellValue() & 1;
					}
					else {
						chars += cell.getStringCellValue().length();
					}
				}
			}
		}
		System.out.println("rows=" + (rows - 1) + " cells=" + cells + " chars=" + chars);
	}
}
