package io.github.campaignbatch.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.application.UsageException;
import io.github.campaignbatch.output.SafeFiles;
import io.github.campaignbatch.output.UnsafeTargetException;
import io.github.campaignbatch.input.Column;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code template}: a blank input file with the documented headers. The XLSX one formats the IMEI column as
 * text (so Excel cannot turn IMEIs into 3.52E+14), the date columns as dates, offers a drop-down for
 * distributionType, and carries an instructions sheet.
 */
@Command(name = "template", mixinStandardHelpOptions = true,
		description = "Write a blank input template (.xlsx with a drop-down and instructions, or .csv).")
class TemplateCommand implements Callable<Integer> {

	/** Rows prepared with formats and the drop-down; operators paste below the header. */
	private static final int PREPARED_ROWS = 10_000;

	@Option(names = "--output", required = true, paramLabel = "FILE.xlsx|FILE.csv",
			description = "Where to write it, in an existing folder.")
	Path output;

	@Option(names = "--force", description = "Replace the output file if it exists.")
	boolean force;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		String name = this.output.getFileName().toString().toLowerCase(Locale.ROOT);
		if (!name.endsWith(".csv") && !name.endsWith(".xlsx")) {
			throw new UsageException("--output must end in .xlsx or .csv");
		}
		SafeFiles.Existing existing = this.force ? SafeFiles.Existing.REPLACE : SafeFiles.Existing.REFUSE;
		try {
			if (name.endsWith(".csv")) {
				SafeFiles.writeString(this.output, existing, String.join(",", headers()) + "\n");
			}
			else {
				SafeFiles.writeStream(this.output, existing, TemplateCommand::writeXlsx);
			}
		}
		catch (UnsafeTargetException ex) {
			throw new UsageException("--output: " + ex.getMessage());
		}
		this.spec.commandLine().getOut().println("Template written to " + this.output);
		return ExitCodes.OK;
	}

	private static String[] headers() {
		Column[] columns = Column.values();
		String[] headers = new String[columns.length];
		for (int i = 0; i < columns.length; i++) {
			headers[i] = columns[i].headerName();
		}
		return headers;
	}

	private static void writeXlsx(OutputStream out) throws IOException {
		// Writing a small template: the in-memory workbook is fine here (reading never uses it).
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			Sheet sheet = workbook.createSheet("campaigns");
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			CellStyle text = workbook.createCellStyle();
			text.setDataFormat(workbook.createDataFormat().getFormat("@"));
			CellStyle date = workbook.createCellStyle();
			date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
			Row header = sheet.createRow(0);
			Column[] columns = Column.values();
			for (int i = 0; i < columns.length; i++) {
				header.createCell(i).setCellValue(columns[i].headerName());
				header.getCell(i).setCellStyle(bold);
				boolean isDate = columns[i].headerName().endsWith("Date");
				sheet.setDefaultColumnStyle(i, isDate ? date : text);
				sheet.setColumnWidth(i, (columns[i] == Column.IMEI ? 20 : 18) * 256);
			}
			sheet.createFreezePane(0, 1);
			DataValidationHelper helper = sheet.getDataValidationHelper();
			int distributionColumn = Column.DISTRIBUTION_TYPE.ordinal();
			DataValidation dropDown = helper.createValidation(helper.createExplicitListConstraint(new String[] { "HTTP", "OMA" }),
					new CellRangeAddressList(1, PREPARED_ROWS, distributionColumn, distributionColumn));
			dropDown.setShowErrorBox(true);
			dropDown.createErrorBox("distributionType", "Choose HTTP or OMA.");
			sheet.addValidationData(dropDown);

			Sheet instructions = workbook.createSheet("instructions");
			String[] lines = { "How to fill the campaigns sheet (full reference: docs/input-format.md)", "",
					"One row per device, or several IMEIs in one imei cell separated by ';'.",
					"Required: fileName, fileVersion, distributionType (HTTP or OMA), startDate, endDate, imei.",
					"account: leave blank to use the --account option. campaignName: leave blank to have one generated.",
					"Dates: real date cells or YYYY-MM-DD text. startDate must not be in the past.",
					"downloadAfterDate / installAfterDate: optional, within startDate..endDate.",
					"Time windows: hour pairs like 2-4;22-24 (start 0-23, end 1-24, start before end).",
					"timeZone: optional IANA name such as America/Chicago: that row's dates and windows are local time there"
							+ " (blank: --time-zone, else UTC); they are converted to the API's zone when sent.",
					"IMEIs: 15 digits. The imei column is formatted as Text so Excel keeps every digit: keep it so.",
					"Every row of one campaign must share the same dates, windows, timeZone and distributionType.",
					"Check the file with: java -jar campaign-batch.jar validate --input FILE --account ACC" };
			for (int i = 0; i < lines.length; i++) {
				instructions.createRow(i).createCell(0).setCellValue(lines[i]);
			}
			instructions.setColumnWidth(0, 110 * 256);
			workbook.write(out);
		}
	}
}
