package io.github.campaignbatch.thingspace;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.junit.jupiter.api.Test;

/** The rate limit and the in-flight cap hold for all threads of one client, token and login included. */
class ClientThrottlingTest extends FakeThingSpace {

	@Test
	void requestsFromManyThreadsArriveNoFasterThanTheConfiguredRate() throws Exception {
		properties.maxRequestsPerSecond(10);
		properties.maxInFlight(8);
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).willReturn(okJson(CAMPAIGN_JSON)));

		long started = System.nanoTime();
		callConcurrently(client(), 6, 18);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

		// token + login + 18 calls = 20 requests at 10/s: the last is due 1.9 s after the first
		List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(20);
		assertThat(elapsed).isBetween(Duration.ofMillis(1800), Duration.ofSeconds(10));
		List<Long> arrivals = new ArrayList<>(requests.stream().map(r -> r.getLoggedDate().getTime()).sorted().toList());
		for (int i = 0; i < arrivals.size(); i++) {
			long windowEnd = arrivals.get(i) + 1000;
			long inWindow = arrivals.stream().skip(i).takeWhile(t -> t < windowEnd).count();
			assertThat(inWindow).as("requests in the second after request %d", i).isLessThanOrEqualTo(12);
		}
	}

	@Test
	void noMoreThanMaxInFlightRequestsAreOpenAtOnce() throws Exception {
		properties.maxInFlight(2);
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).willReturn(okJson(CAMPAIGN_JSON).withFixedDelay(300)));
		ThingSpaceClient client = client();
		client.getCampaign(ACCOUNT, CAMPAIGN_ID);
		server.resetRequests();

		callConcurrently(client, 6, 6);

		// each request holds its slot for 300 ms, so request n+2 cannot arrive before request n is answered
		List<Long> arrivals = server.findAll(getRequestedFor(urlPathEqualTo(CAMPAIGN_PATH))).stream()
				.map(r -> r.getLoggedDate().getTime()).sorted().toList();
		assertThat(arrivals).hasSize(6);
		for (int i = 0; i + 2 < arrivals.size(); i++) {
			assertThat(arrivals.get(i + 2) - arrivals.get(i)).as("gap between request %d and %d", i, i + 2)
					.isGreaterThanOrEqualTo(250);
		}
	}

	private static void callConcurrently(ThingSpaceClient client, int threads, int calls) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Callable<Campaign>> tasks = new ArrayList<>();
			for (int i = 0; i < calls; i++) {
				tasks.add(() -> client.getCampaign(ACCOUNT, CAMPAIGN_ID));
			}
			for (Future<Campaign> result : pool.invokeAll(tasks)) {
				assertThat(result.get().id()).isEqualTo(CAMPAIGN_ID);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}
}
