package io.github.campaignbatch.application;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobDatabaseUrlTest {

	@Test
	void anEmbeddedH2UrlGetsTheSettingsItLacks() {
		assertThat(JobDatabaseUrl.withRequiredSettings("jdbc:h2:file:/var/lib/cb/db"))
			.isEqualTo("jdbc:h2:file:/var/lib/cb/db;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;FILE_LOCK=FS");
		assertThat(JobDatabaseUrl.withRequiredSettings("jdbc:h2:./data/db;write_delay=0;CIPHER=AES"))
			.isEqualTo("jdbc:h2:./data/db;write_delay=0;CIPHER=AES;DB_CLOSE_ON_EXIT=FALSE;FILE_LOCK=FS");
		assertThat(JobDatabaseUrl.withRequiredSettings("jdbc:h2:~/db;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=false;FILE_LOCK=FS"))
			.isEqualTo("jdbc:h2:~/db;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=false;FILE_LOCK=FS");
	}

	@Test
	void aSettingTurnedOtherwiseIsRefusedOnOneLine() {
		assertThatThrownBy(() -> JobDatabaseUrl.withRequiredSettings("jdbc:h2:file:/x/db;WRITE_DELAY=500"))
			.isInstanceOf(UsageException.class)
			.hasMessage("the job database URL sets WRITE_DELAY=500, but the job needs WRITE_DELAY=0 (every commit on disk"
					+ " before a campaign is sent): remove it from CAMPAIGN_BATCH_DB_URL");
		assertThatThrownBy(() -> JobDatabaseUrl.withRequiredSettings("jdbc:h2:file:/x/db;DB_CLOSE_ON_EXIT=TRUE"))
			.isInstanceOf(UsageException.class).hasMessageContaining("DB_CLOSE_ON_EXIT=FALSE");
	}

	@Test
	void otherDatabasesAreLeftAsTheyAre() {
		for (String url : new String[] { "jdbc:h2:mem:test", "jdbc:h2:tcp://127.0.0.1:9092/db",
				"jdbc:postgresql://db/cb?currentSchema=x" }) {
			assertThat(JobDatabaseUrl.withRequiredSettings(url)).isEqualTo(url);
		}
	}

	@Test
	void theUrlShownNamesTheDatabaseButNoSettingUserOrPassword() {
		assertThat(JobDatabaseUrl.shown("jdbc:h2:file:/home/u/.campaign-batch/campaign-batch;WRITE_DELAY=0;PASSWORD=x"))
			.isEqualTo("jdbc:h2:file:/home/u/.campaign-batch/campaign-batch");
		assertThat(JobDatabaseUrl.shown("jdbc:postgresql://bob:secret@db:5432/cb?password=secret"))
			.isEqualTo("jdbc:postgresql://db:5432/cb");
	}
}
