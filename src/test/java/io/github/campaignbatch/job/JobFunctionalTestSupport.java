package io.github.campaignbatch.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.campaignbatch.CampaignBatchApplication;
import io.github.campaignbatch.input.InputFingerprint;
import io.github.campaignbatch.report.ReportLine;
import io.github.campaignbatch.report.ResultsRepository;
import io.github.campaignbatch.simulator.SimulatedCampaign;
import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.simulator.UploadedFile;
import io.github.campaignbatch.support.SimulatorCredentials;
import io.github.campaignbatch.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one Spring context of the job's functional tests, cached by the test framework and shared by every class
 * that extends this one: the application as the CLI starts it, on a database of its own (H2, or PostgreSQL in the
 * {@code postgresql-tests} execution), with the bundled simulator on 127.0.0.1 as ThingSpace. Tests share the
 * database and the simulator, so each works on an input of its own ({@link #sample}): a distinct account gives
 * distinct job instances and distinct campaigns at the simulator.
 */
@Tag("database")
@SpringBatchTest
@SpringBootTest(classes = CampaignBatchApplication.class)
abstract class JobFunctionalTestSupport {

	/** Start dates in the samples lie in 2030; this is the "today" they are checked against. */
	static final LocalDate TODAY = LocalDate.parse("2026-01-01");

	static final Path CLEAN_SAMPLE = Path.of("input-samples/clean-campaigns.csv");

	static final Path MISTAKES_SAMPLE = Path.of("input-samples/mistakes.csv");

	private static final String SAMPLE_ACCOUNT = "demo-account";

	private static final AtomicInteger ACCOUNTS = new AtomicInteger();

	private static final Path WORK = temporaryDirectory();

	/**
	 * The simulator with the demo files, and the sample's sensor firmware offered for OMA as the sample sends it
	 * (what {@code run --simulate} does: it offers the input's files).
	 */
	static final SimulatorServer SIMULATOR = SimulatorServer.start(SimulatorOptions.defaults()
		.withAvailableFiles(Stream.concat(SimulatorOptions.defaultAvailableFiles().stream(),
				Stream.of(new UploadedFile("sensor-fw-1.9.0.bin", "1.9.0", "Sensor firmware 1.9.0", "Acme", "S10",
						"/firmware/sensor-fw-1.9.0.bin", "OMA", "IoT")))
			.toList()));

	private static String databaseUrl;

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	ResultsRepository results;

	@Autowired
	GracefulShutdown gracefulShutdown;

	@Autowired
	JobRepository jobRepository;

	@BeforeAll
	static void databaseIsThere() {
		if (TestDatabases.isPostgres()) {
			TestDatabases.requirePostgres();
		}
	}

	@DynamicPropertySource
	static void application(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", JobFunctionalTestSupport::databaseUrl);
		registry.add("spring.datasource.username", TestDatabases::user);
		SimulatorCredentials.properties(SIMULATOR.baseUrl().toString()).forEach((name, value) -> registry.add(name, () -> value));
		registry.add("thingspace.max-requests-per-second", () -> "200");
		registry.add("campaign.submission.reconcile-delay", () -> "0s");
	}

	/** Computed once: the registry's suppliers may be asked more than once, and each call would be a new database. */
	private static synchronized String databaseUrl() {
		if (databaseUrl == null) {
			databaseUrl = TestDatabases.freshUrl(WORK);
		}
		return databaseUrl;
	}

	/** An account no other test uses. */
	static String freshAccount() {
		return "functional-" + ACCOUNTS.incrementAndGet();
	}

	/**
	 * A copy of a bundled sample whose rows name {@code account} instead of the sample's, so that its job instance
	 * and its campaigns are this test's own.
	 */
	static Path sample(Path sample, String account) {
		try {
			Path copy = Files.createTempFile(WORK, "input-", sample.getFileName().toString());
			return Files.writeString(copy, Files.readString(sample).replace(SAMPLE_ACCOUNT, account));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Path reportFile() {
		try {
			return Files.createTempFile(WORK, "report-", ".csv");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The job's parameters for a run of {@code input}, as the CLI builds them for {@code --simulate} or a dry run. */
	static JobParameters parameters(Path input, String account, boolean dryRun, Path report) {
		RunRequest request = new RunRequest(input, account, dryRun ? RunTarget.NONE : RunTarget.SIMULATOR, report, null,
				null, TODAY);
		return CampaignJobParameters.of(request, InputFingerprint.sha256(input));
	}

	/**
	 * Starts the whole job or one step through Batch's test utility. A holder rather than methods of the test
	 * class: Batch's scope listeners take any test-class method that returns an execution for a factory of theirs.
	 */
	final Batch batch = new Batch();

	final class Batch {

		JobExecution startJob(JobParameters parameters) throws Exception {
			try {
				return JobFunctionalTestSupport.this.jobOperatorTestUtils.startJob(parameters);
			}
			finally {
				// What CampaignJobLauncher does once an execution returns: the job's SIGTERM hook is removed.
				JobFunctionalTestSupport.this.gracefulShutdown.executionReturned();
			}
		}

		JobExecution startStep(String stepName, JobParameters parameters) {
			return JobFunctionalTestSupport.this.jobOperatorTestUtils.startStep(stepName, parameters, new ExecutionContext());
		}

		/**
		 * Runs {@code steps} one after the other, each alone, in one job instance, and returns the last one's
		 * execution: the steps before it give the instance what the last one needs. Each earlier execution is then
		 * marked FAILED, as if the job had stopped there, so that Batch lets the next step run in the same instance
		 * the way a restart continues a job.
		 */
		JobExecution startSteps(JobParameters parameters, String... steps) {
			for (int i = 0; i < steps.length - 1; i++) {
				JobExecution earlier = startStep(steps[i], parameters);
				assertThat(earlier.getStatus()).as(steps[i]).isEqualTo(BatchStatus.COMPLETED);
				earlier.setStatus(BatchStatus.FAILED);
				earlier.setExitStatus(ExitStatus.FAILED);
				JobFunctionalTestSupport.this.jobRepository.update(earlier);
			}
			return startStep(steps[steps.length - 1], parameters);
		}

		StepExecution onlyStep(JobExecution execution) {
			assertThat(execution.getStepExecutions()).hasSize(1);
			return execution.getStepExecutions().iterator().next();
		}
	}

	List<ReportLine> reportLines(long jobInstanceId) {
		List<ReportLine> lines = new ArrayList<>();
		this.results.forEachLine(jobInstanceId, lines::add);
		return lines;
	}

	static List<SimulatedCampaign> campaignsAtTheSimulator(String account) {
		return SIMULATOR.campaigns().stream().filter(campaign -> account.equals(campaign.accountName())).toList();
	}

	private static Path temporaryDirectory() {
		try {
			Path directory = Files.createTempDirectory("campaign-job-tests-");
			directory.toFile().deleteOnExit();
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
