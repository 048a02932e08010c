package io.github.campaignbatch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.campaignbatch.support.ChildJvm;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --verbose} adds the application's and Spring's INFO lines; it must not add warnings about our own wiring,
 * which an operator reads as something wrong with the run (issue 21: Spring Batch's "ItemProcessor is an interface").
 * A process of its own: Spring configures logging to the console as a real start does.
 */
class VerboseOutputTest {

	@TempDir
	Path work;

	@Test
	void aVerboseCommandPrintsNoWarningAboutTheJobsWiring() throws Exception {
		Path input = SampleInputs.campaigns(this.work.resolve("devices.csv"), "ACC", 1, 2);
		Process validate = ChildJvm.withDatabase(this.work, TestDatabases.freshUrl(this.work))
			.start("validate", List.of("validate", "--input", input.toString(), "--account", "ACC", "--verbose"));

		assertThat(validate.waitFor(120, TimeUnit.SECONDS)).isTrue();
		String printed = ChildJvm.output(this.work, "validate");
		assertThat(validate.exitValue()).as(printed).isZero();
		assertThat(printed).as("verbose logging is on").contains(" INFO ");
		assertThat(printed).doesNotContain("is an interface").doesNotContain(" WARN ");
	}
}
