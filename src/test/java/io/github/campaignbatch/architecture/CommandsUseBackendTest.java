package io.github.campaignbatch.architecture;

import java.nio.file.Path;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands ask the started application for what they need through one typed facade, {@code cli.Backend}
 * (issue 15): a command that fetches a bean from the Spring context itself fails this test, naming the call.
 */
class CommandsUseBackendTest {

	private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

	@Test
	void onlyTheBackendFetchesBeans() {
		assertThat(MAIN.containPackage("io.github.campaignbatch.cli")).as("compiled main classes found").isTrue();
		noClasses().that().resideInAPackage("io.github.campaignbatch.cli")
			.and().doNotHaveFullyQualifiedName("io.github.campaignbatch.cli.Backend")
			.should().callMethodWhere(DescribedPredicate.describe("getBean of a Spring bean factory",
					call -> call.getTarget().getName().equals("getBean")
							&& call.getTarget().getOwner().getPackageName().startsWith("org.springframework.")))
			.check(MAIN);
	}
}
