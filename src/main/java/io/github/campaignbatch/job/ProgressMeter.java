package io.github.campaignbatch.job;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Counts items as a step goes and says so at most once per interval: how many, how fast, and, when the total is
 * known, how far and the time left. Plain Java: the clock (nanoseconds) and the log line's destination are given.
 */
public final class ProgressMeter {

	/** The total, when it is not known. */
	public static final long UNKNOWN = -1;

	private final String what;

	private final String unit;

	private final long total;

	private final LongSupplier nanoTime;

	private final long intervalNanos;

	private final Consumer<String> log;

	private final long started;

	private final DoubleSupplier fraction;

	private long lastLogged;

	private long count;

	/**
	 * @param what what is being done, e.g. {@code "load"}
	 * @param unit what is counted, plural, e.g. {@code "rows read"}
	 * @param total how many there will be, or {@link #UNKNOWN} (an estimate is fine: progress is capped at 99%)
	 * @param interval the least time between two lines
	 * @param nanoTime the clock, e.g. {@code System::nanoTime}
	 * @param log where the lines go
	 */
	public ProgressMeter(String what, String unit, long total, Duration interval, LongSupplier nanoTime,
			Consumer<String> log) {
		this(what, unit, total, null, interval, nanoTime, log);
	}

	/**
	 * A meter whose share of the work done is measured apart from the count, e.g. the bytes of the input file
	 * consumed while rows are counted: exact, with no pass over the file to count its rows first.
	 * @param fraction the share done, 0 to 1, or negative when it cannot be told
	 */
	public ProgressMeter(String what, String unit, DoubleSupplier fraction, Duration interval, LongSupplier nanoTime,
			Consumer<String> log) {
		this(what, unit, UNKNOWN, fraction, interval, nanoTime, log);
	}

	private ProgressMeter(String what, String unit, long total, DoubleSupplier fraction, Duration interval,
			LongSupplier nanoTime, Consumer<String> log) {
		this.fraction = fraction;
		this.what = what;
		this.unit = unit;
		this.total = total;
		this.intervalNanos = interval.toNanos();
		this.nanoTime = nanoTime;
		this.log = log;
		this.started = nanoTime.getAsLong();
		this.lastLogged = this.started;
	}

	/** Counts {@code items} more, and logs a line if the interval has passed since the last. */
	public void advance(long items) {
		this.count += items;
		if (this.intervalNanos <= 0) {
			return;
		}
		long now = this.nanoTime.getAsLong();
		if (now - this.lastLogged >= this.intervalNanos) {
			this.lastLogged = now;
			this.log.accept(progressLine(now));
		}
	}

	public long count() {
		return this.count;
	}

	/** The line for the end of the step: how many, in how long, how fast. */
	public String summary() {
		long now = this.nanoTime.getAsLong();
		double seconds = (now - this.started) / 1e9;
		return String.format(Locale.ROOT, "%s: %,d %s in %s (%s/s)", this.what, this.count, this.unit, duration(seconds),
				rate(seconds));
	}

	String progressLine(long now) {
		double seconds = (now - this.started) / 1e9;
		StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %,d %s, %s/s", this.what, this.count,
				this.unit, rate(seconds)));
		double done = this.fraction == null ? -1 : this.fraction.getAsDouble();
		if (done > 0) {
			line.append(String.format(Locale.ROOT, ", %d%%", (long) Math.min(99, done * 100)));
			if (done < 1) {
				line.append(", ETA ").append(duration(seconds * (1 - done) / done));
			}
		}
		else if (this.total > 0) {
			long percent = Math.min(99, this.count * 100 / this.total);
			line.append(String.format(Locale.ROOT, ", %d%% of ~%,d", percent, this.total));
			double perSecond = this.count / Math.max(seconds, 1e-9);
			if (this.count > 0 && this.count < this.total) {
				line.append(", ETA ").append(duration((this.total - this.count) / perSecond));
			}
		}
		return line.toString();
	}

	private String rate(double seconds) {
		return seconds <= 0 ? "-" : String.format(Locale.ROOT, "%,.0f", this.count / seconds);
	}

	static String duration(double seconds) {
		long whole = Math.round(seconds);
		if (whole < 60) {
			return seconds < 10 ? String.format(Locale.ROOT, "%.1fs", seconds) : whole + "s";
		}
		long hours = whole / 3600;
		long minutes = whole % 3600 / 60;
		long secs = whole % 60;
		return hours > 0 ? String.format(Locale.ROOT, "%dh%02dm%02ds", hours, minutes, secs)
				: String.format(Locale.ROOT, "%dm%02ds", minutes, secs);
	}
}
