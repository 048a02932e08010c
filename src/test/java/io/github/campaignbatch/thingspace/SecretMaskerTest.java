package io.github.campaignbatch.thingspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretMaskerTest {

	@Test
	void aSecretValueIsReplacedWholeAndAMissingOneSaysSo() {
		assertThat(SecretMasker.mask("hunter2")).isEqualTo("****");
		assertThat(SecretMasker.mask("")).isEqualTo("<unset>");
		assertThat(SecretMasker.mask(null)).isEqualTo("<unset>");
	}

	@Test
	void credentialHeadersAreMaskedKeepingTheAuthorizationScheme() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", "Bearer abc.def.ghi");
		headers.put("VZ-M2M-Token", "1234-5678");
		headers.put("Accept", "application/json");

		assertThat(SecretMasker.maskHeaders(headers)).containsExactly(
				Map.entry("Authorization", "Bearer ****"),
				Map.entry("VZ-M2M-Token", "****"),
				Map.entry("Accept", "application/json"));
		assertThat(SecretMasker.maskHeader("authorization", "Basic Y2xpZW50OnNlY3JldA==")).isEqualTo("Basic ****");
		assertThat(SecretMasker.maskHeader("vz-m2m-token", "x")).isEqualTo("****");
	}

	@Test
	void secretsInJsonBodiesAreMaskedWhateverTheirSpacing() {
		String body = """
				{"access_token" : "eyJhbGci.x.y", "token_type":"Bearer", "expires_in":3600,
				 "sessionToken":"s-1\\"quoted", "username":"alice", "password":"p@ss", "client_secret": "cs"}
				""";

		String masked = SecretMasker.maskText(body);

		assertThat(masked).doesNotContain("eyJhbGci", "s-1", "quoted", "p@ss", "\"cs\"")
				.contains("\"access_token\" : \"****\"", "\"sessionToken\":\"****\"", "\"password\":\"****\"",
						"\"client_secret\": \"****\"", "\"username\":\"alice\"", "\"expires_in\":3600");
	}

	@Test
	void secretsInFormBodiesAndFreeTextAreMasked() {
		assertThat(SecretMasker.maskText("grant_type=client_credentials&client_secret=abc&scope=x"))
				.isEqualTo("grant_type=client_credentials&client_secret=****&scope=x");
		assertThat(SecretMasker.maskText("rejected header Authorization: Bearer abc.def-ghi_j, retry"))
				.isEqualTo("rejected header Authorization: Bearer ****, retry");
		assertThat(SecretMasker.maskText("upstream said password=hunter2; client_secret: abc, retry"))
				.isEqualTo("upstream said password=****; client_secret: ****, retry");
		assertThat(SecretMasker.maskText("no secrets here, mypassword=visible")).isEqualTo("no secrets here, mypassword=visible");
	}

	@Test
	void anExcerptIsMaskedFlattenedAndCut() {
		String excerpt = SecretMasker.excerpt("{\n  \"password\": \"p\",\n  \"x\": \"" + "y".repeat(100) + "\"}", 40);

		assertThat(excerpt).startsWith("{ \"password\": \"****\", \"x\"").hasSize(41).endsWith("…");
	}
}
