package io.github.campaignbatch.thingspace;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A redirect is never followed: following one would replay the {@code Authorization} and {@code VZ-M2M-Token}
 * headers to whatever host the answer names.
 */
class RedirectsTest extends FakeThingSpace {

	private WireMockServer elsewhere;

	@BeforeEach
	void startElsewhere() {
		this.elsewhere = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
		this.elsewhere.start();
		this.elsewhere.stubFor(get(urlPathEqualTo("/collect")).willReturn(okJson(CAMPAIGN_JSON)));
	}

	@AfterEach
	void stopElsewhere() {
		this.elsewhere.stop();
	}

	@Test
	void aRedirectFailsTheCallAndTheCredentialsNeverReachTheOtherHost() {
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH))
			.willReturn(aResponse().withStatus(302).withHeader("Location", this.elsewhere.baseUrl() + "/collect")));
		ThingSpaceClient client = client();

		assertThatThrownBy(() -> client.getCampaign(ACCOUNT, CAMPAIGN_ID)).isInstanceOf(ThingSpaceException.class)
			.hasMessageNotContaining(ACCESS_TOKEN)
			.hasMessageNotContaining(SESSION_TOKEN);
		assertThat(this.elsewhere.getAllServeEvents()).isEmpty();
	}
}
