package io.github.campaignbatch.application;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A writer that starts every line with the local date and time, as the log lines do: a long-running
 * {@code schedule}'s own lines (a file started, moved, the next tick, a summary, an error) say when they happened.
 */
public final class TimestampedLines extends Writer {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

	private final PrintWriter target;

	private final Clock clock;

	private boolean atLineStart = true;

	public TimestampedLines(PrintWriter target, Clock clock) {
		this.target = target;
		this.clock = clock;
	}

	public static PrintWriter of(PrintWriter target) {
		return new PrintWriter(new TimestampedLines(target, Clock.systemDefaultZone()), true);
	}

	@Override
	public synchronized void write(char[] buffer, int offset, int length) {
		for (int i = offset; i < offset + length; i++) {
			char c = buffer[i];
			if (this.atLineStart && c != '\n' && c != '\r') {
				this.target.write(WHEN.format(LocalDateTime.now(this.clock)) + "  ");
				this.atLineStart = false;
			}
			this.target.write(c);
			if (c == '\n') {
				this.atLineStart = true;
			}
		}
	}

	@Override
	public void flush() {
		this.target.flush();
	}

	@Override
	public void close() {
		flush();
	}
}
