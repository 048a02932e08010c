package io.github.campaignbatch.output;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Every log message passes through {@link TerminalText#clean}: log lines carry cell values and file names, and a
 * control character in them must not reach the terminal or the log file raw. Installed by replacing Logback's
 * {@code %msg} (also {@code %m}, {@code %message}) converter for every pattern built afterwards, so it holds for any
 * logging pattern an operator configures.
 */
public final class CleanLogMessages extends MessageConverter {

	private CleanLogMessages() {
	}

	@Override
	public String convert(ILoggingEvent event) {
		return TerminalText.clean(super.convert(event));
	}

	/** Makes every Logback pattern built from now on clean its messages. Idempotent. */
	public static void install() {
		for (String word : new String[] { "m", "msg", "message" }) {
			PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.put(word, CleanLogMessages::new);
		}
	}
}
