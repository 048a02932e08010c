package io.github.campaignbatch.application;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job database's settings are prepared in the environment of every application that starts (the command line's
 * and a {@code @SpringBootTest}'s), without starting one here.
 */
class JobDatabaseEnvironmentTest {

	@TempDir
	Path work;

	@Test
	void isRegisteredForEveryApplicationThatStarts() {
		// Boot's own post-processors that cannot be made outside an application are skipped, not failed on.
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(EnvironmentPostProcessor.class, null,
				(type, name, failure) -> {
				}))
			.hasAtLeastOneElementOfType(JobDatabaseEnvironment.class);
	}

	@Test
	void anApplicationWithoutAJobDatabaseIsLeftAlone() {
		StandardEnvironment environment = prepared(Map.of("campaign.data-dir", "/srv/data"));

		assertThat(environment.getProperty("spring.datasource.url")).isNull();
		assertThat(environment.getProperty("campaign.data-dir")).isEqualTo("/srv/data");
	}

	@Test
	void anEmbeddedH2UrlGetsTheJobsSettingsAndAnOwnerOnlyFolderAndTraceFile() throws Exception {
		Path folder = this.work.resolve("new-folder");
		StandardEnvironment environment = prepared(Map.of("spring.datasource.url", "jdbc:h2:file:" + folder.resolve("db")));

		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo(
				"jdbc:h2:file:" + folder.resolve("db") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;FILE_LOCK=FS");
		assertThat(Files.getPosixFilePermissions(folder)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
		assertThat(Files.getPosixFilePermissions(folder.resolve("db.trace.db")))
			.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
	}

	@Test
	void aRelativeDataDirectoryIsMadeAbsoluteOnce() {
		StandardEnvironment environment = prepared(Map.of("campaign.data-dir", "relative/data"));

		assertThat(environment.getProperty("campaign.data-dir"))
			.isEqualTo(Path.of("relative/data").toAbsolutePath().normalize().toString());
	}

	@Test
	void aServerDatabaseUrlIsLeftAsItIs() {
		String url = "jdbc:postgresql://127.0.0.1:5432/test";

		assertThat(prepared(Map.of("spring.datasource.url", url)).getProperty("spring.datasource.url")).isEqualTo(url);
	}

	@Test
	void aSettingTheJobCannotRunWithIsAUsageError() {
		Map<String, Object> settings = Map.of("spring.datasource.url",
				"jdbc:h2:file:" + this.work.resolve("db") + ";FILE_LOCK=NO");

		assertThatThrownBy(() -> prepared(settings)).isInstanceOf(UsageException.class)
			.hasMessageContaining("FILE_LOCK=NO");
	}

	private static StandardEnvironment prepared(Map<String, Object> settings) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(settings)));
		new JobDatabaseEnvironment().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}
}
