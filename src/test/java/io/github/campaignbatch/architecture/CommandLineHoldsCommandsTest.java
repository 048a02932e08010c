package io.github.campaignbatch.architecture;

import java.nio.file.Path;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front door stays thin (issue 21): {@code cli} holds the picocli commands, their option classes (mixins and
 * argument groups), {@code Main}, the factory picocli makes them with and the version provider. Logic a command
 * needs lives in a service it calls ({@code application}); a class of another kind added to {@code cli} fails this
 * test, naming it.
 */
class CommandLineHoldsCommandsTest {

	private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

	/** The command line's plumbing besides commands and options. */
	private static final Set<String> PLUMBING = Set.of("Main", "CommandFactory", "VersionProvider", "package-info");

	static ArchRule onlyCommandsAndOptionsIn(String packageName) {
		return classes().that().resideInAPackage(packageName).and().areTopLevelClasses()
			.should(new ArchCondition<JavaClass>("be a picocli command, an option class, or " + PLUMBING) {
				@Override
				public void check(JavaClass type, ConditionEvents events) {
					boolean fits = type.isAnnotatedWith(CommandLine.Command.class) || optionClass(type)
							|| PLUMBING.contains(type.getSimpleName());
					events.add(new SimpleConditionEvent(type, fits,
							type.getName() + " is neither a command nor an option class: move its logic to a service"));
				}
			});
	}

	/** A class whose fields picocli fills: a mixin or an argument group. */
	private static boolean optionClass(JavaClass type) {
		return type.getFields().stream().anyMatch(field -> field.isAnnotatedWith(CommandLine.Option.class)
				|| field.isAnnotatedWith(CommandLine.Parameters.class) || field.isAnnotatedWith(CommandLine.Mixin.class)
				|| field.isAnnotatedWith(CommandLine.ArgGroup.class));
	}

	@Test
	void theCommandLineHoldsCommandsAndOptionsOnly() {
		assertThat(MAIN.containPackage("io.github.campaignbatch.cli")).as("compiled main classes found").isTrue();
		onlyCommandsAndOptionsIn("io.github.campaignbatch.cli").check(MAIN);
	}

	@Test
	void theRuleFindsAHelperAmongTheCommands() {
		JavaClasses fixture = new ClassFileImporter().importClasses(AHelper.class, AnOptionClass.class);
		String fixturePackage = AHelper.class.getPackageName();
		assertThat(onlyCommandsAndOptionsIn(fixturePackage).evaluate(fixture).getFailureReport().getDetails())
			.singleElement().asString().contains(AHelper.class.getName());
	}
}

/** Logic beside the commands, as the rule must not let through. */
final class AHelper {

	static int decide(int a, int b) {
		return Math.max(a, b);
	}
}

/** An option class, as the rule lets through. */
final class AnOptionClass {

	@CommandLine.Option(names = "--verbose")
	boolean verbose;
}
