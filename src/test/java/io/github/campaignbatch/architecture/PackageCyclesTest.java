package io.github.campaignbatch.architecture;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The feature packages depend on each other one way only: an import cycle between two packages (directly or
 * through others) fails this test, naming the classes on the cycle. Checked over the compiled main classes.
 */
class PackageCyclesTest {

	/** The compiled main classes only, read from their directory (scanning the classpath for them takes seconds). */
	private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

	@Test
	void featurePackagesHaveNoImportCycle() {
		assertThat(MAIN.containPackage("io.github.campaignbatch.campaign")).as("compiled main classes found").isTrue();
		slices().matching("io.github.campaignbatch.(*)..").should().beFreeOfCycles().check(MAIN);
	}
}
