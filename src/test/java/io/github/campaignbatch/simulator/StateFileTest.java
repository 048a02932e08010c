package io.github.campaignbatch.simulator;

import io.github.campaignbatch.support.MutableClock;

import static io.github.campaignbatch.simulator.SimulatorClient.campaign;
import static io.github.campaignbatch.simulator.SimulatorClient.imei;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

	private static final String TODAY = "2030-06-15";
	private static final String NEXT_WEEK = "2030-06-22";

	@TempDir
	Path directory;

	private final MutableClock clock = new MutableClock(Instant.parse(TODAY + "T10:00:00Z"));

	private SimulatorOptions options(Path stateFile) {
		return SimulatorOptions.defaults().withClock(this.clock).withStateFile(stateFile)
				.withStatusAdvanceAfter(Duration.ofSeconds(5));
	}

	@Test
	void campaignsSurviveARestart() {
		Path state = this.directory.resolve("nested/simulator-state.json");
		String first;
		String cancelled;
		try (SimulatorServer simulator = SimulatorServer.start(options(state))) {
			SimulatorClient client = new SimulatorClient(simulator.baseUrl()).authenticated();
			first = client.schedule(campaign("first", TODAY, NEXT_WEEK, imei(1))).body().get("id").asString();
			cancelled = client.schedule(campaign("cancelled", NEXT_WEEK, NEXT_WEEK, imei(2))).body().get("id").asString();
			client.cancelCampaign(cancelled);
			client.schedule(campaign("refused", TODAY, NEXT_WEEK, "123"));
		}

		this.clock.advance(Duration.ofSeconds(5));
		try (SimulatorServer restarted = SimulatorServer.start(options(state))) {
			SimulatorClient client = new SimulatorClient(restarted.baseUrl()).authenticated();

			assertThat(restarted.campaigns()).extracting(SimulatedCampaign::id).containsExactly(first, cancelled);
			assertThat(restarted.scheduleRequestCount()).isEqualTo(3);
			assertThat(client.getCampaign(first).body().get("status").asString()).isEqualTo("CampaignScheduled");
			assertThat(client.getCampaign(cancelled).body().get("status").asString()).isEqualTo("CampaignCancelled");
			assertThat(client.schedule(campaign("again", TODAY, NEXT_WEEK, imei(1))).errorMessage())
					.startsWith("Device " + imei(1) + " is already in active campaign " + first);

			String third = client.schedule(campaign("third", TODAY, NEXT_WEEK, imei(3))).body().get("id").asString();

			assertThat(client.historyPages("CampaignRequestPending").get(0).at("/campaignList/0/id").asString()).isEqualTo(third);
			assertThat(restarted.campaigns()).extracting(SimulatedCampaign::sequence).containsExactly(1L, 2L, 3L);
		}
	}

	@Test
	void anotherProcessCanReadWhatTheSimulatorReceived() {
		Path state = this.directory.resolve("state.json");
		try (SimulatorServer simulator = SimulatorServer.start(options(state))) {
			SimulatorClient client = new SimulatorClient(simulator.baseUrl()).authenticated();
			client.schedule(campaign("first", TODAY, NEXT_WEEK, imei(1)));

			StateFile.Contents contents = StateFile.read(state).orElseThrow();

			assertThat(contents.format()).isEqualTo(StateFile.FORMAT);
			assertThat(contents.scheduleRequestCount()).isEqualTo(1);
			assertThat(contents.nextSequence()).isEqualTo(2);
			assertThat(contents.campaigns()).singleElement().satisfies(campaign -> {
				assertThat(campaign.campaignName()).isEqualTo("first");
				assertThat(campaign.fileName()).isEqualTo("tracker-fw-2.4.1.bin");
				assertThat(campaign.createdAt()).isEqualTo(this.clock.instant());
				assertThat(campaign.installTimeWindowList()).containsExactly(new HourWindow(2, 6));
			});
		}
	}

	@Test
	void writesLeaveNoTemporaryFilesBehind() throws IOException {
		Path state = this.directory.resolve("state.json");
		try (SimulatorServer simulator = SimulatorServer.start(options(state))) {
			SimulatorClient client = new SimulatorClient(simulator.baseUrl()).authenticated();
			for (int i = 0; i < 5; i++) {
				client.schedule(campaign("c" + i, TODAY, NEXT_WEEK, imei(i)));
			}
		}

		try (Stream<Path> files = Files.list(this.directory)) {
			assertThat(files).containsExactly(state);
		}
	}

	@Test
	void noFileMeansAFreshStart() {
		assertThat(StateFile.read(this.directory.resolve("missing.json"))).isEmpty();
		try (SimulatorServer simulator = SimulatorServer.start(options(this.directory.resolve("missing.json")))) {
			assertThat(simulator.campaigns()).isEmpty();
		}
	}

	@Test
	void anUnreadableFileStopsTheStartWithItsName() throws IOException {
		Path state = Files.writeString(this.directory.resolve("state.json"), "{ not json");

		assertThatThrownBy(() -> SimulatorServer.start(options(state)))
				.isInstanceOf(UncheckedIOException.class)
				.hasMessageContaining(state.toString());
	}
}
