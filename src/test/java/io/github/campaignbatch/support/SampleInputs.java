package io.github.campaignbatch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Generated inputs for end-to-end tests: valid, deterministic, as many campaigns and devices as asked.
 */
public final class SampleInputs {

	public static final String HEADER = "account,campaignName,fileName,fileVersion,distributionType,startDate,endDate,imei";

	private SampleInputs() {
	}

	/** {@code campaigns} campaigns of {@code devicesEach} devices, every device distinct, all on seeded files. */
	public static Path campaigns(Path file, String account, int campaigns, int devicesEach) {
		List<String> lines = new ArrayList<>();
		lines.add(HEADER);
		long serial = 1;
		for (int c = 1; c <= campaigns; c++) {
			for (int d = 0; d < devicesEach; d++) {
				lines.add(account + ",wave-" + c + ",tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15," + imei(serial++));
			}
		}
		try {
			return Files.write(file, lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The IMEIs of serials {@code first} to {@code last}, both included, in order. */
	public static List<String> imeis(int first, int last) {
		List<String> imeis = new ArrayList<>();
		for (int serial = first; serial <= last; serial++) {
			imeis.add(imei(serial));
		}
		return imeis;
	}

	/** A valid IMEI: a fixed TAC, a serial number, and the Luhn check digit. */
	public static String imei(long serial) {
		return withCheckDigit("35209901" + String.format("%06d", serial));
	}

	/**
	 * The 14 digits of an IMEI with their Luhn check digit appended, computed here rather than by the validator
	 * under test so that the test data does not take the validator's word for it.
	 */
	public static String withCheckDigit(String body) {
		int sum = 0;
		for (int i = 0; i < body.length(); i++) {
			int digit = body.charAt(body.length() - 1 - i) - '0';
			if (i % 2 == 0) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
		}
		return body + ((10 - sum % 10) % 10);
	}
}
