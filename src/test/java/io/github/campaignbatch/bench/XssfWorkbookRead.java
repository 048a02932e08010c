package io.github.campaignbatch.bench;

import java.io.File;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.util.IOUtils;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reference: POI's in-memory {@link XSSFWorkbook}, which holds the whole sheet as objects. */
public final class XssfWorkbookRead {

	private XssfWorkbookRead() {
	}

	public static void main(String[] args) throws Exception {
		IOUtils.setByteArrayMaxOverride(Integer.MAX_VALUE);
		long rows = 0;
		long cells = 0;
		try (OPCPackage pkg = OPCPackage.open(new File(args[0]), PackageAccess.READ);
				XSSFWorkbook workbook = new XSSFWorkbook(pkg)) {
			for (Row row : workbook.getSheetAt(0)) {
				rows++;
				for (Cell cell : row) {
					cells++;
				}
			}
		}
		System.out.println("rows=" + (rows - 1) + " cells=" + cells);
	}
}
