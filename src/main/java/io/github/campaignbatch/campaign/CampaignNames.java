package io.github.campaignbatch.campaign;

import java.time.LocalDate;
import java.util.Locale;

/**
 * The naming rules for campaigns the operator did not name and for parts of split campaigns.
 *
 * <p>A generated name carries the first eight hex digits of the input file's SHA-256: the same input always
 * yields the same names (so a restart finds its own campaigns in the vendor's history), and two different
 * inputs rarely share one. Rarely is not never: reconciliation takes a campaign for ours only when it also holds
 * exactly our devices.
 */
public final class CampaignNames {

	/** Longest campaign name we send; the vendor publishes no limit, so stay well inside common ones. */
	public static final int MAX_NAME_LENGTH = 255;

	private CampaignNames() {
	}

	/**
	 * {@code <fileName>_<fileVersion>_<startDate>_<hash8>}, with characters outside {@code [A-Za-z0-9._-]}
	 * replaced by {@code -}.
	 */
	public static String generated(String fileName, String fileVersion, LocalDate startDate, String inputSha256) {
		String name = sanitize(fileName) + "_" + sanitize(fileVersion) + "_" + startDate + "_"
				+ inputSha256.substring(0, 8).toLowerCase(Locale.ROOT);
		return name.length() <= MAX_NAME_LENGTH ? name : name.substring(name.length() - MAX_NAME_LENGTH);
	}

	/**
	 * The name of part {@code partNo} of a campaign split into {@code partCount} parts:
	 * {@code <name>-part-<n>-of-<count>}; an unsplit campaign keeps its name.
	 */
	public static String part(String name, int partNo, int partCount) {
		if (partCount <= 1) {
			return name;
		}
		return name + "-part-" + partNo + "-of-" + partCount;
	}

	/**
	 * The name of part {@code partNo} of {@code partCount} of wave {@code waveNo} of {@code waveCount} of a rollout:
	 * {@code <name>-wave-<w>-of-<count>}, then the part suffix when the wave is split; a rollout of one wave keeps the
	 * name. The campaign's own name is shortened, never the suffix, so that the result stays within
	 * {@link #MAX_NAME_LENGTH} and an operator sees which wave it is.
	 */
	public static String wave(String name, int waveNo, int waveCount, int partNo, int partCount) {
		String suffix = part((waveCount <= 1 ? "" : "-wave-" + waveNo + "-of-" + waveCount), partNo, partCount);
		int room = MAX_NAME_LENGTH - suffix.length();
		return (name.length() <= room ? name : name.substring(0, room)) + suffix;
	}

	private static String sanitize(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '_' || c == '-';
			out.append(safe ? c : '-');
		}
		return out.toString();
	}
}
