package io.github.campaignbatch.thingspace;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every wait the client asks for and returns at once. */
final class RecordingSleeper implements Sleeper {

	private final List<Duration> waits = new CopyOnWriteArrayList<>();

	@Override
	public void sleep(Duration duration) {
		this.waits.add(duration);
	}

	List<Duration> waits() {
		return List.copyOf(this.waits);
	}
}
