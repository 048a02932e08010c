package io.github.campaignbatch.amendment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.input.Column;
import io.github.campaignbatch.input.InputFileException;
import io.github.campaignbatch.input.InputRow;
import io.github.campaignbatch.input.ReadOptions;
import io.github.campaignbatch.input.RowSource;
import io.github.campaignbatch.input.RowSources;
import io.github.campaignbatch.validation.ErrorCode;
import io.github.campaignbatch.validation.Imeis;

/**
 * The devices an operator asked to add and to remove ({@code --add FILE}, {@code --remove FILE}: one IMEI per line,
 * or a CSV/XLSX with an {@code imei} column, read by the input's readers), validated like the input's: an IMEI that is
 * not 15 digits with a right check digit, or listed twice, is left out with its code and one line saying where and
 * why; one asked both in and out is left out of both.
 *
 * @param leftOut one line per device left out
 */
public record DeviceRequest(List<String> add, List<String> remove, List<String> leftOut) {

	public static final DeviceRequest NONE = new DeviceRequest(List.of(), List.of(), List.of());

	public boolean isEmpty() {
		return this.add.isEmpty() && this.remove.isEmpty();
	}

	/**
	 * @param addFile {@code null} when nothing is to be added
	 * @param removeFile {@code null} when nothing is to be removed
	 * @param sheet the XLSX sheet to read, or {@code null} for the first visible one
	 * @throws InputFileException when a file cannot be read, or lists no IMEI at all
	 */
	public static DeviceRequest read(Path addFile, Path removeFile, String sheet) {
		List<String> leftOut = new ArrayList<>();
		Map<String, Long> add = addFile == null ? Map.of() : valid("--add", addFile, sheet, leftOut);
		Map<String, Long> remove = removeFile == null ? Map.of() : valid("--remove", removeFile, sheet, leftOut);
		List<String> adding = new ArrayList<>();
		for (Map.Entry<String, Long> device : add.entrySet()) {
			if (remove.containsKey(device.getKey())) {
				leftOut.add(device.getKey() + " (--add row " + device.getValue() + ", --remove row "
						+ remove.get(device.getKey()) + "): asked both in and out, so left out of both");
			}
			else {
				adding.add(device.getKey());
			}
		}
		List<String> removing = remove.keySet().stream().filter(imei -> !add.containsKey(imei)).toList();
		return new DeviceRequest(List.copyOf(adding), removing, List.copyOf(leftOut));
	}

	/** The file's valid IMEIs in file order, each with the row it was first listed at. */
	private static Map<String, Long> valid(String option, Path file, String sheet, List<String> leftOut) {
		Map<String, Long> devices = new LinkedHashMap<>();
		boolean any = false;
		String where = option + " " + file.getFileName();
		try (RowSource source = RowSources.open(file, ReadOptions.defaults().withSheetName(sheet).forDeviceList())) {
			for (InputRow row = source.next(); row != null; row = source.next()) {
				for (String token : Imeis.split(row.get(Column.IMEI))) {
					any = true;
					String imei = Imeis.normalize(token);
					String problem = Imeis.problem(imei);
					Long first = devices.get(imei);
					if (problem != null) {
						leftOut.add(where + " row " + row.rowNumber() + ": " + ErrorCode.INVALID_IMEI + " " + problem);
					}
					else if (first != null) {
						leftOut.add(where + " row " + row.rowNumber() + ": " + ErrorCode.DUPLICATE_DEVICE + " IMEI " + imei
								+ " already listed at row " + first + ": it is sent once");
					}
					else {
						devices.put(imei, row.rowNumber());
					}
				}
			}
		}
		if (!any) {
			throw new InputFileException(file, "lists no IMEI: write one per line, or fill its imei column");
		}
		return devices;
	}
}
