package io.github.campaignbatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.campaignbatch.simulator.SimulatorClient.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulatorServerTest {

	@Test
	void listensOn127001AtTheChosenFreePort() {
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults())) {
			assertThat(simulator.port()).isPositive();
			assertThat(simulator.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:" + simulator.port()));
		}
	}

	@Test
	void isNotReachableThroughANonLoopbackAddress() throws IOException {
		Optional<InetAddress> external = nonLoopbackIpv4Address();
		assumeTrue(external.isPresent(), "this host has no non-loopback IPv4 address");
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults())) {
			try (Socket loopback = new Socket()) {
				loopback.connect(new InetSocketAddress("127.0.0.1", simulator.port()), 2000);
			}
			assertThatThrownBy(() -> {
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress(external.get(), simulator.port()), 2000);
				}
			}).isInstanceOf(ConnectException.class);
		}
	}

	@Test
	void aPortInUseFailsWithABindException() {
		try (SimulatorServer first = SimulatorServer.start(SimulatorOptions.defaults())) {
			assertThatThrownBy(() -> SimulatorServer.start(SimulatorOptions.defaults().withPort(first.port())))
					.isInstanceOf(UncheckedIOException.class)
					.hasCauseInstanceOf(BindException.class);
		}
	}

	@Test
	void closeStopsServingAndMayBeRepeated() {
		SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults());
		SimulatorClient client = new SimulatorClient(simulator.baseUrl());

		simulator.close();
		simulator.close();

		assertThatThrownBy(() -> client.token("demo-client", "demo-secret", "client_credentials"))
				.isInstanceOf(UncheckedIOException.class);
	}

	@Test
	void unknownPathsAreNotFoundAndWrongMethodsNotAllowed() {
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults())) {
			SimulatorClient client = new SimulatorClient(simulator.baseUrl());

			Reply unknown = client.get("/api/nothing-here");
			Reply wrongMethod = client.send(HttpRequest.newBuilder(simulator.baseUrl().resolve("/api/ts/v1/oauth2/token")).GET());

			assertThat(unknown.status()).isEqualTo(404);
			assertThat(unknown.errorCode()).isEqualTo("NOT_FOUND");
			assertThat(wrongMethod.status()).isEqualTo(405);
		}
	}

	@Test
	void anyCustomCredentialsReplaceTheDemoOnes() {
		SimulatorOptions options = SimulatorOptions.defaults()
				.withClientCredentials("my-client", "my-secret")
				.withUserCredentials("me", "pw");
		try (SimulatorServer simulator = SimulatorServer.start(options)) {
			SimulatorClient client = new SimulatorClient(simulator.baseUrl());

			assertThat(client.token("demo-client", "demo-secret", "client_credentials").status()).isEqualTo(401);
			assertThat(client.token("my-client", "my-secret", "client_credentials").status()).isEqualTo(200);
		}
	}

	@Test
	void optionsRefuseOutOfRangeValuesAndKeepSecretsOutOfToString() {
		assertThatThrownBy(() -> SimulatorOptions.defaults().withFailRate(1.5)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> SimulatorOptions.defaults().withFailRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> SimulatorOptions.defaults().withPort(70000)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> SimulatorOptions.defaults().withHistoryPageSize(0)).isInstanceOf(IllegalArgumentException.class);
		assertThat(SimulatorOptions.defaults().toString()).doesNotContain("demo-secret", "demo-password");
	}

	private static Optional<InetAddress> nonLoopbackIpv4Address() throws SocketException {
		for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (!networkInterface.isUp() || networkInterface.isLoopback()) {
				continue;
			}
			for (InetAddress address : Collections.list(networkInterface.getInetAddresses())) {
				if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
					return Optional.of(address);
				}
			}
		}
		return Optional.empty();
	}
}
