package io.github.campaignbatch.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnTest {

	@ParameterizedTest
	@ValueSource(strings = { "fileName", "File Name", "file_name", "FILE-NAME", " file name ", "\uFEFFFile Name",
			"File\u00A0Name" })
	void headerMatchesIgnoringCaseSpacesUnderscoresHyphensAndByteOrderMark(String header) {
		assertThat(Column.forHeader(header)).contains(Column.FILE_NAME);
	}

	@ParameterizedTest
	@ValueSource(strings = { "imei", "IMEI", "deviceId", "Device ID", "imeis", "device_list" })
	void imeiColumnHasAliases(String header) {
		assertThat(Column.forHeader(header)).contains(Column.IMEI);
	}

	@Test
	void timeWindowColumnsAcceptTheApiFieldNames() {
		assertThat(Column.forHeader("downloadTimeWindowList")).contains(Column.DOWNLOAD_TIME_WINDOWS);
		assertThat(Column.forHeader("Install Time Window List")).contains(Column.INSTALL_TIME_WINDOWS);
	}

	@Test
	void unknownOrMissingHeaderMatchesNothing() {
		assertThat(Column.forHeader("Notes")).isEmpty();
		assertThat(Column.forHeader("")).isEmpty();
		assertThat(Column.forHeader(null)).isEmpty();
	}

	@Test
	void aliasesAreTheNamesBesidesTheHeaderName() {
		assertThat(Column.IMEI.headerName()).isEqualTo("imei");
		assertThat(Column.IMEI.aliases()).containsExactly("deviceId", "imeis", "deviceList");
		assertThat(Column.FILE_NAME.aliases()).isEmpty();
	}
}
