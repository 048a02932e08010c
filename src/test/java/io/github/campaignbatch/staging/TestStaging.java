package io.github.campaignbatch.staging;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import io.github.campaignbatch.validation.DeviceEntry;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stages and groups entries as the load and group steps do, without Spring Batch, for tests of the store and
 * of what reads it.
 */
public final class TestStaging {

	private TestStaging() {
	}

	public static StagingStore store(JdbcTemplate jdbc, Path directory) {
		return new StagingStore(jdbc, new StagingSettings(directory, "256MB", 2));
	}

	/** Stages the entries (in one chunk) as the load step does, and groups nothing. */
	public static void stage(StagingStore store, long jobInstanceId, List<DeviceEntry> entries) throws SQLException {
		try (StagedInstance staged = store.startOver(jobInstanceId); StagedLoad load = new StagedLoad(staged)) {
			load.append(entries);
			load.finish();
		}
	}

	/** Stages the entries (in one chunk) and plans their campaigns; returns the number of campaign parts. */
	public static int stageAndGroup(StagingStore store, JdbcTemplate jdbc, long jobInstanceId, List<DeviceEntry> entries,
			int maxDevicesPerCampaign) throws SQLException {
		try (StagedInstance staged = store.startOver(jobInstanceId); StagedLoad load = new StagedLoad(staged)) {
			load.append(entries);
			load.finish();
		}
		return new CampaignPlanning(store, jdbc).plan(jobInstanceId, maxDevicesPerCampaign, phase -> {
		});
	}
}
