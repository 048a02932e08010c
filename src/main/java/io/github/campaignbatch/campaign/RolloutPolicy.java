package io.github.campaignbatch.campaign;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a run rolls each campaign out in waves ({@code --pilot N}, {@code --waves P1,P2,...}, {@code --gate-success
 * R}): the first wave holds {@code pilot} devices, each following wave releases the campaign's devices up to the
 * next cumulative percentage, and a wave is released only when the devices of the waves before it succeeded at a
 * share of at least {@code gateSuccess}. {@link #NONE} is a run without waves: every device at once, as always.
 * <p>
 * The split is a pure function of a campaign's device count ({@link #waveSizes}), and the devices are taken in input
 * order, so a restart plans exactly the same waves.
 *
 * @param pilot devices of the first wave; 0 for none
 * @param percents cumulative percentages of each campaign's devices released by the following waves, strictly
 * increasing, the last 100; empty with a pilot means "then everyone"
 * @param gateSuccess the least share (0-1] of succeeded devices, among those of the earlier waves that reached a
 * final status, that releases the next wave
 */
public record RolloutPolicy(int pilot, List<Integer> percents, BigDecimal gateSuccess) {

	public static final BigDecimal DEFAULT_GATE_SUCCESS = new BigDecimal("0.9");

	/** No waves: every device of a campaign is sent at once. */
	public static final RolloutPolicy NONE = new RolloutPolicy(0, List.of(), DEFAULT_GATE_SUCCESS);

	public RolloutPolicy {
		percents = List.copyOf(percents);
		if (pilot < 0) {
			throw new IllegalArgumentException("--pilot must be at least 1 device, was " + pilot);
		}
		int previous = 0;
		for (int percent : percents) {
			if (percent <= previous || percent > 100) {
				throw new IllegalArgumentException("--waves takes cumulative percentages of each campaign's devices, each"
						+ " larger than the one before, from 1 to 100 (e.g. 10,50,100); was " + join(percents));
			}
			previous = percent;
		}
		if (!percents.isEmpty() && previous != 100) {
			throw new IllegalArgumentException("--waves must end with 100 so that every device is released; was "
					+ join(percents));
		}
		if (gateSuccess == null || gateSuccess.signum() <= 0 || gateSuccess.compareTo(BigDecimal.ONE) > 0) {
			throw new IllegalArgumentException("--gate-success is a share above 0 and at most 1 (e.g. 0.9), was "
					+ gateSuccess);
		}
		// 0.9 and 0.90 are one policy: a restart compares the policy it is given with the one recorded
		gateSuccess = gateSuccess.stripTrailingZeros();
	}

	/**
	 * The policy of the command line's options, each {@code null} when not given.
	 * @throws IllegalArgumentException one line naming the option and what it takes
	 */
	public static RolloutPolicy of(Integer pilot, List<Integer> percents, BigDecimal gateSuccess) {
		boolean waves = percents != null && !percents.isEmpty();
		if (pilot == null && !waves) {
			if (gateSuccess != null) {
				throw new IllegalArgumentException("--gate-success applies to a rollout in waves: give --pilot N or"
						+ " --waves P1,P2,... with it");
			}
			return NONE;
		}
		if (pilot != null && pilot < 1) {
			throw new IllegalArgumentException("--pilot must be at least 1 device, was " + pilot);
		}
		return new RolloutPolicy(pilot == null ? 0 : pilot, waves ? percents : List.of(),
				gateSuccess == null ? DEFAULT_GATE_SUCCESS : gateSuccess);
	}

	public boolean isNone() {
		return this.pilot == 0 && this.percents.isEmpty();
	}

	/** The percentages after the pilot: "then everyone" when only a pilot was asked for. */
	private List<Integer> cumulativePercents() {
		return this.percents.isEmpty() ? List.of(100) : this.percents;
	}

	/**
	 * The sizes of the waves of a campaign of {@code devices} devices, in order, none empty: the pilot (at most the
	 * campaign's size), then for each percentage the devices up to {@code ceil(devices * P / 100)} not released
	 * before. A campaign no larger than its pilot is one wave.
	 */
	public List<Integer> waveSizes(int devices) {
		if (isNone()) {
			return devices == 0 ? List.of() : List.of(devices);
		}
		List<Integer> sizes = new ArrayList<>();
		long released = 0;
		if (this.pilot > 0 && devices > 0) {
			released = Math.min(this.pilot, devices);
			sizes.add((int) released);
		}
		for (int percent : cumulativePercents()) {
			long upTo = Math.max(released, ((long) devices * percent + 99) / 100);
			if (upTo > released) {
				sizes.add((int) (upTo - released));
				released = upTo;
			}
		}
		return sizes;
	}

	/** One campaign's waves as the summary says them: {@code pilot 20, then 30, then 50}. */
	public String describeWaves(List<Integer> sizes) {
		if (sizes.size() <= 1) {
			return "all " + (sizes.isEmpty() ? 0 : sizes.get(0)) + " at once";
		}
		StringBuilder text = new StringBuilder(this.pilot > 0 ? "pilot " : "first ").append(sizes.get(0));
		for (int i = 1; i < sizes.size(); i++) {
			text.append(", then ").append(sizes.get(i));
		}
		return text.toString();
	}

	/** {@code pilot 20, waves 50,100, gate 0.9}: the options that give this policy again. */
	public String describe() {
		if (isNone()) {
			return "no waves";
		}
		return (this.pilot > 0 ? "pilot " + this.pilot + ", " : "") + "waves " + join(cumulativePercents()) + ", gate "
				+ this.gateSuccess.stripTrailingZeros().toPlainString();
	}

	/** The gate as a percentage for messages: {@code 90%}. */
	public String gatePercent() {
		return percent(this.gateSuccess);
	}

	/** {@code 0.9} as {@code 90%}, {@code 0.955} as {@code 95.5%}. */
	public static String percent(BigDecimal share) {
		return share.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
	}

	/** The job parameter and ledger form: {@code pilot=20;waves=50,100;gate=0.9}; {@link #parse} reads it back. */
	public String parameter() {
		return "pilot=" + this.pilot + ";waves=" + join(this.percents) + ";gate="
				+ this.gateSuccess.stripTrailingZeros().toPlainString();
	}

	/** The policy of a job parameter or ledger row; {@code null} or blank is {@link #NONE}. */
	public static RolloutPolicy parse(String parameter) {
		if (parameter == null || parameter.isBlank()) {
			return NONE;
		}
		int pilot = 0;
		List<Integer> percents = new ArrayList<>();
		BigDecimal gate = DEFAULT_GATE_SUCCESS;
		for (String part : parameter.split(";")) {
			int equals = part.indexOf('=');
			String name = part.substring(0, Math.max(0, equals)).strip().toLowerCase(Locale.ROOT);
			String value = part.substring(equals + 1).strip();
			switch (name) {
				case "pilot" -> pilot = Integer.parseInt(value);
				case "waves" -> percents = parsePercents(value);
				case "gate" -> gate = new BigDecimal(value);
				default -> throw new IllegalArgumentException("unknown rollout setting '" + part + "'");
			}
		}
		return new RolloutPolicy(pilot, percents, gate);
	}

	/** {@code 10,50,100} (spaces allowed); empty for blank. */
	public static List<Integer> parsePercents(String text) {
		List<Integer> percents = new ArrayList<>();
		for (String value : text.split(",")) {
			if (!value.isBlank()) {
				try {
					percents.add(Integer.parseInt(value.strip().replace("%", "")));
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("--waves takes whole percentages separated by commas (e.g. 10,50,100),"
							+ " not '" + value.strip() + "'");
				}
			}
		}
		return percents;
	}

	private static String join(List<Integer> values) {
		StringBuilder text = new StringBuilder();
		values.forEach(value -> text.append(text.isEmpty() ? "" : ",").append(value));
		return text.toString();
	}
}
