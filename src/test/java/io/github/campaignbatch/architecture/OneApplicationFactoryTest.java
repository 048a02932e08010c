package io.github.campaignbatch.architecture;

import java.nio.file.Path;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The started application is asked for what the commands need through one typed handle,
 * {@code application.Application}, made by the application factory (issue 21): any other class of the main code that
 * fetches a bean from a Spring context (a service locator of its own) fails this test, naming the call.
 */
class OneApplicationFactoryTest {

	private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

	static final String HANDLE = "io.github.campaignbatch.application.Application";

	static final DescribedPredicate<JavaMethodCall> GET_BEAN = DescribedPredicate.describe(
			"getBean of a Spring bean factory", call -> call.getTarget().getName().equals("getBean")
					&& call.getTarget().getOwner().getPackageName().startsWith("org.springframework."));

	static ArchRule onlyTheHandleFetchesBeans() {
		return noClasses().that().resideInAPackage("io.github.campaignbatch..")
			.and().doNotHaveFullyQualifiedName(HANDLE)
			.should().callMethodWhere(GET_BEAN);
	}

	@Test
	void onlyTheApplicationHandleFetchesBeans() {
		assertThat(MAIN.contain(HANDLE)).as("compiled main classes found").isTrue();
		onlyTheHandleFetchesBeans().check(MAIN);
	}

	@Test
	void theRuleFindsAGetBeanElsewhere() {
		JavaClasses withLocator = new ClassFileImporter().importClasses(ALocator.class);
		assertThat(onlyTheHandleFetchesBeans().allowEmptyShould(true).evaluate(withLocator).hasViolation()).isTrue();
	}

	/** A class that fetches a bean itself, as the rule must not let through. */
	static final class ALocator {

		Object find(org.springframework.context.ApplicationContext context) {
			return context.getBean("anything");
		}
	}
}
