package io.github.campaignbatch.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The last row a worksheet declares in its {@code <dimension ref="A1:M1048576"/>} element, which Excel,
 * LibreOffice and the usual libraries write at the top of the sheet: with the number of the row being read, an
 * exact percentage for the load's progress without a counting pass. Where a sheet has no such element, or it
 * cannot be found in the first bytes, progress shows counts only.
 */
final class XlsxDimension {

	static final long UNKNOWN = -1;

	private static final String WORKBOOK_RELATIONSHIPS = "xl/_rels/workbook.xml.rels";

	/** The dimension comes before the rows; 64 KB of the sheet covers long sheet views and column lists. */
	private static final int SHEET_PREFIX_BYTES = 64 * 1024;

	/** The relationships part lists one line a sheet and a few more: bounded in case of an odd writer. */
	private static final int MAX_RELATIONSHIPS_BYTES = 4 * 1024 * 1024;

	private static final Pattern RELATIONSHIP = Pattern.compile("<(?:\\w+:)?Relationship\\b[^>]*>");

	private static final Pattern ID = Pattern.compile("\\bId=\"([^\"]*)\"");

	private static final Pattern TARGET = Pattern.compile("\\bTarget=\"([^\"]*)\"");

	private static final Pattern DIMENSION = Pattern
		.compile("<(?:\\w+:)?dimension\\s+ref=\"[A-Z]*[0-9]*(?::[A-Z]*([0-9]+))?\"");

	private static final Pattern FIRST_ROW = Pattern.compile("<(?:\\w+:)?dimension\\s+ref=\"[A-Z]*([0-9]+)\"");

	private XlsxDimension() {
	}

	/**
	 * @param relationshipId the sheet's relationship id in the workbook ({@code r:id} of its {@code <sheet>})
	 * @return the last row number (1-based) the sheet declares, or {@link #UNKNOWN}
	 */
	static long lastRow(ZipFile zip, String relationshipId) {
		try {
			String part = sheetPart(zip, relationshipId);
			ZipEntry sheet = part == null ? null : zip.getEntry(part);
			if (sheet == null) {
				return UNKNOWN;
			}
			return lastRow(prefix(zip, sheet, SHEET_PREFIX_BYTES));
		}
		catch (IOException | RuntimeException ex) {
			return UNKNOWN;
		}
	}

	/** The last row of the first {@code dimension} element in a sheet's XML text, or {@link #UNKNOWN}. */
	static long lastRow(String sheetXml) {
		Matcher range = DIMENSION.matcher(sheetXml);
		if (!range.find()) {
			return UNKNOWN;
		}
		String last = range.group(1);
		if (last == null) {
			Matcher single = FIRST_ROW.matcher(sheetXml);
			last = single.find() ? single.group(1) : null;
		}
		try {
			return last == null ? UNKNOWN : Long.parseLong(last);
		}
		catch (NumberFormatException ex) {
			return UNKNOWN;
		}
	}

	private static String sheetPart(ZipFile zip, String relationshipId) throws IOException {
		ZipEntry relationships = zip.getEntry(WORKBOOK_RELATIONSHIPS);
		if (relationships == null || relationshipId == null) {
			return null;
		}
		Matcher each = RELATIONSHIP.matcher(prefix(zip, relationships, MAX_RELATIONSHIPS_BYTES));
		while (each.find()) {
			String element = each.group();
			Matcher id = ID.matcher(element);
			Matcher target = TARGET.matcher(element);
			if (id.find() && id.group(1).equals(relationshipId) && target.find()) {
				String path = target.group(1);
				// relative to xl/, or absolute within the package
				return path.startsWith("/") ? path.substring(1) : "xl/" + path;
			}
		}
		return null;
	}

	private static String prefix(ZipFile zip, ZipEntry entry, int bytes) throws IOException {
		try (InputStream in = zip.getInputStream(entry)) {
			return new String(in.readNBytes(bytes), StandardCharsets.UTF_8);
		}
	}
}
