package io.github.campaignbatch.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The XLSX report's first sheet, for the person the operator forwards it to: one line per campaign (name, file,
 * version, dates, ThingSpace id and status, devices and their count per outcome), a totals line, the devices kept
 * back before grouping, and a stacked bar chart of the device outcomes per campaign. Written into the workbook before
 * it is wrapped for streaming, so it is an ordinary sheet that can hold a chart.
 */
final class SummarySheet {

	/** Campaigns charted at most: beyond, the chart would be unreadable (the table still lists them all). */
	static final int MAX_CHARTED = 60;

	private SummarySheet() {
	}

	static void write(XSSFWorkbook workbook, List<CampaignSummary> campaigns, Map<DeviceOutcome, Long> outcomes) {
		XSSFSheet sheet = workbook.createSheet("summary");
		Text text = new Text(workbook);
		CellStyle bold = workbook.createCellStyle();
		Font font = workbook.createFont();
		font.setBold(true);
		bold.setFont(font);
		CellStyle date = workbook.createCellStyle();
		date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
		CellStyle count = workbook.createCellStyle();
		count.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("#,##0"));

		Row header = sheet.createRow(0);
		for (int i = 0; i < CampaignSummary.HEADER.length; i++) {
			header.createCell(i).setCellValue(CampaignSummary.HEADER[i]);
			header.getCell(i).setCellStyle(bold);
		}
		long[] totals = new long[CampaignSummary.LAST_COUNT - CampaignSummary.FIRST_COUNT + 1];
		int rowIndex = 1;
		for (CampaignSummary campaign : campaigns) {
			Row row = sheet.createRow(rowIndex++);
			text.set(row, 0, campaign.name());
			text.set(row, 1, campaign.account());
			text.set(row, 2, campaign.fileName());
			text.set(row, 3, campaign.fileVersion());
			row.createCell(4).setCellValue(campaign.startDate());
			row.getCell(4).setCellStyle(date);
			row.createCell(5).setCellValue(campaign.endDate());
			row.getCell(5).setCellStyle(date);
			text.set(row, 6, campaign.campaignId());
			text.set(row, 7, campaign.state());
			text.set(row, 8, campaign.vendorStatus());
			long[] counts = campaign.counts();
			for (int i = 0; i < counts.length; i++) {
				row.createCell(CampaignSummary.FIRST_COUNT + i).setCellValue(counts[i]);
				row.getCell(CampaignSummary.FIRST_COUNT + i).setCellStyle(count);
				totals[i] += counts[i];
			}
			text.set(row, 16, campaign.errorCode());
			text.set(row, 17, campaign.errorMessage());
		}
		Row total = sheet.createRow(rowIndex++);
		total.createCell(0).setCellValue("Total (" + campaigns.size() + " campaigns)");
		total.getCell(0).setCellStyle(bold);
		for (int i = 0; i < totals.length; i++) {
			total.createCell(CampaignSummary.FIRST_COUNT + i).setCellValue(totals[i]);
			total.getCell(CampaignSummary.FIRST_COUNT + i).setCellStyle(count);
		}
		rowIndex++;
		for (DeviceOutcome kept : List.of(DeviceOutcome.INVALID, DeviceOutcome.DUPLICATE, DeviceOutcome.CONFLICT)) {
			Row row = sheet.createRow(rowIndex++);
			row.createCell(0).setCellValue("Devices " + kept + " (not in any campaign)");
			row.createCell(CampaignSummary.FIRST_COUNT).setCellValue(outcomes.getOrDefault(kept, 0L));
		}
		sheet.createFreezePane(1, 1);
		for (int i = 0; i < CampaignSummary.HEADER.length - 1; i++) {
			sheet.setColumnWidth(i, (i == 0 || i == 6 ? 30 : 14) * 256);
		}
		if (!campaigns.isEmpty()) {
			chart(sheet, Math.min(campaigns.size(), MAX_CHARTED), rowIndex + 1);
		}
	}

	/** Stacked bars, one per campaign, one series per outcome; reads the table's cells. */
	private static void chart(XSSFSheet sheet, int campaigns, int topRow) {
		XSSFDrawing drawing = sheet.createDrawingPatriarch();
		XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, 0, topRow, 12, topRow + 20 + campaigns / 2);
		XSSFChart chart = drawing.createChart(anchor);
		chart.setTitleText("Devices per campaign by outcome");
		chart.setTitleOverlay(false);
		chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
		XDDFCategoryAxis categories = chart.createCategoryAxis(AxisPosition.LEFT);
		XDDFValueAxis values = chart.createValueAxis(AxisPosition.BOTTOM);
		XDDFDataSource<String> names = XDDFDataSourcesFactory.fromStringCellRange(sheet,
				new CellRangeAddress(1, campaigns, 0, 0));
		XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, categories, values);
		data.setBarDirection(BarDirection.BAR);
		data.setBarGrouping(BarGrouping.STACKED);
		List<Integer> series = new ArrayList<>();
		for (int column = CampaignSummary.FIRST_COUNT + 1; column <= CampaignSummary.LAST_COUNT; column++) {
			series.add(column);
		}
		for (int column : series) {
			XDDFNumericalDataSource<Double> counts = XDDFDataSourcesFactory.fromNumericCellRange(sheet,
					new CellRangeAddress(1, campaigns, column, column));
			data.addSeries(names, counts).setTitle(CampaignSummary.HEADER[column], null);
		}
		chart.plot(data);
	}

	/** The summary's text cells: formula-like values stay text without an added apostrophe ({@link XlsxText}). */
	private static final class Text {

		private final XlsxText cells;

		Text(XSSFWorkbook workbook) {
			this.cells = XlsxText.printable(workbook);
		}

		void set(Row row, int column, String value) {
			this.cells.set(row.createCell(column), value);
		}
	}
}
