package io.github.campaignbatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulatorCommandTest {

	private final StringWriter out = new StringWriter();
	private final StringWriter err = new StringWriter();

	private CommandLine commandLine() {
		return new CommandLine(new SimulatorCommand())
				.setOut(new PrintWriter(this.out, true))
				.setErr(new PrintWriter(this.err, true));
	}

	@Test
	void announcesItselfServesAndStopsWhenInterrupted() throws Exception {
		CompletableFuture<Integer> exitCode = new CompletableFuture<>();
		Thread runner = new Thread(() -> exitCode.complete(commandLine().execute("--port", "0", "--client-id", "cli-client")));
		runner.start();

		String announcement = awaitOutput();
		assertThat(announcement).matches(
				"ThingSpace simulator listening on http://127\\.0\\.0\\.1:\\d+ \\(client cli-client, user demo-user\\); Ctrl-C to stop\\R");
		Matcher url = Pattern.compile("(http://\\S+)").matcher(announcement);
		assertThat(url.find()).isTrue();
		SimulatorClient client = new SimulatorClient(URI.create(url.group(1)));
		assertThat(client.token("cli-client", "demo-secret", "client_credentials").status()).isEqualTo(200);

		runner.interrupt();

		assertThat(exitCode.get(10, TimeUnit.SECONDS)).isZero();
	}

	@Test
	void aPortInUseIsAOneLineErrorAndExitCode2() {
		try (SimulatorServer occupying = SimulatorServer.start(SimulatorOptions.defaults())) {
			int exitCode = commandLine().execute("--port", String.valueOf(occupying.port()));

			assertThat(exitCode).isEqualTo(2);
			assertThat(this.err.toString()).isEqualTo("simulator: port " + occupying.port()
					+ " on 127.0.0.1 is already in use; choose another with --port" + System.lineSeparator());
			assertThat(this.out.toString()).isEmpty();
		}
	}

	@Test
	void aFailRateOutsideZeroToOneIsAUsageError() {
		int exitCode = commandLine().execute("--fail-rate", "1.5");

		assertThat(exitCode).isEqualTo(2);
		assertThat(this.err.toString()).contains("--fail-rate must be between 0.0 and 1.0");
	}

	/** The rules are the options record's; its refusals name the command's options. */
	@Test
	void everyRefusedValueIsAUsageErrorNamingItsOption() {
		assertThat(commandLine().execute("--port", "70000")).isEqualTo(2);
		assertThat(commandLine().execute("--token-ttl-seconds", "0")).isEqualTo(2);
		assertThat(commandLine().execute("--client-id", " ")).isEqualTo(2);
		assertThat(commandLine().execute("--upgrade-failed-rate", "0.9", "--device-rejected-rate", "0.2")).isEqualTo(2);

		assertThat(this.err.toString()).contains("--port must be 0-65535, was 70000")
			.contains("--token-ttl-seconds must be positive, was 0")
			.contains("--client-id must not be blank")
			.contains("--upgrade-failed-rate and --device-rejected-rate must be 0.0-1.0 and add up to at most 1.0");
	}

	@Test
	void anAvailableFileThatIsNotNameColonVersionIsAUsageError() {
		int exitCode = commandLine().execute("--available-file", "fw.bin:1.0:FTP");

		assertThat(exitCode).isEqualTo(2);
		assertThat(this.err.toString()).contains("--available-file 'fw.bin:1.0:FTP': the distribution type must be HTTP or OMA");
	}

	@Test
	void helpListsTheOptions() {
		int exitCode = commandLine().execute("--help");

		assertThat(exitCode).isZero();
		assertThat(this.out.toString()).contains("--port", "--latency-ms", "--fail-rate", "--rate-limit",
				"--session-ttl-seconds", "--state", "--client-id", "--client-secret", "--username", "--password", "--seed",
				"--available-file", "--campaign-seconds", "--upgrade-failed-rate", "--device-rejected-rate");
	}

	private String awaitOutput() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			String text = this.out.toString();
			if (text.endsWith(System.lineSeparator())) {
				return text;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("the simulator printed nothing; stderr: " + this.err);
	}
}
