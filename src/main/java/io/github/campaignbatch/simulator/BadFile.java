package io.github.campaignbatch.simulator;

import java.util.Locale;

/**
 * A file whose devices fail: declared as {@code NAME:VERSION:RATE} (e.g. on the simulator's {@code --bad-file}), a
 * share {@code RATE} (0.0-1.0) of the devices of every campaign of that file end {@code UpgradeFailed}, the others
 * {@code UpgradeSuccess}, so that a rollout of it can be seen to halt.
 */
public record BadFile(String fileName, String fileVersion, double failureRate) {

	public BadFile {
		if (fileName == null || fileName.isBlank() || fileVersion == null || fileVersion.isBlank()) {
			throw new IllegalArgumentException("a bad file needs a name and a version");
		}
		if (!(failureRate >= 0.0 && failureRate <= 1.0)) {
			throw new IllegalArgumentException("the failure rate of bad file " + fileName + " must be 0.0-1.0, was "
					+ failureRate);
		}
	}

	/**
	 * @throws IllegalArgumentException naming what is wrong with the declaration
	 */
	public static BadFile parse(String declaration) {
		String[] parts = declaration == null ? new String[0] : declaration.split(":", -1);
		if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank()) {
			throw new IllegalArgumentException("'" + declaration + "' is not NAME:VERSION:RATE (e.g. fw.bin:2.0:0.5)");
		}
		try {
			return new BadFile(parts[0].trim(), parts[1].trim(), Double.parseDouble(parts[2].trim()));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + declaration + "': the rate must be a number 0.0-1.0, e.g. 0.5");
		}
	}

	boolean isOf(SimulatedCampaign campaign) {
		return this.fileName.equals(campaign.fileName()) && this.fileVersion.equals(campaign.fileVersion());
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s:%s:%s", this.fileName, this.fileVersion, this.failureRate);
	}
}
