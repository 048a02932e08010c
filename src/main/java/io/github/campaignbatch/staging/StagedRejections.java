package io.github.campaignbatch.staging;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The pre-flight step's part of a staging file: the devices it took out of their planned campaign part (already in
 * another active campaign) become REJECTED entries, so the report says why each was not sent.
 */
public final class StagedRejections {

	private final StagedInstance staged;

	public StagedRejections(StagedInstance staged) {
		this.staged = staged;
	}

	/**
	 * Marks devices that were taken out of their campaign part before it was sent (the pre-flight check): each
	 * becomes REJECTED with its code and message, so the report states why it was not sent. Repeating it is harmless.
	 */
	public void rejectDevices(List<TakenOutDevice> devices) throws SQLException {
		if (devices.isEmpty()) {
			return;
		}
		try (Statement statement = this.staged.connection().createStatement()) {
			statement.execute("""
					CREATE OR REPLACE TABLE taken_out (campaign_key VARCHAR, part_no INTEGER, imei VARCHAR,
						error_code VARCHAR, error_message VARCHAR)""");
		}
		this.staged.<TakenOutDevice>appendAll("taken_out", devices::forEach, (row, device) -> {
			row.append(device.campaignKey()).append(device.partNo()).append(device.imei());
			row.append(device.errorCode()).append(StagedInstance.clip(device.errorMessage()));
		});
		try (Statement statement = this.staged.connection().createStatement()) {
			statement.execute("""
					UPDATE entry SET status = 'REJECTED', error_code = t.error_code, error_message = t.error_message
					FROM taken_out t, definition f
					WHERE f.def_id = entry.def_id AND f.campaign_key = t.campaign_key AND entry.part_no = t.part_no
						AND entry.imei = t.imei AND entry.status = 'VALID';
					DROP TABLE taken_out;
					CHECKPOINT""");
		}
	}

	/** A device taken out of its campaign part before the part was sent, and why. */
	public record TakenOutDevice(String campaignKey, int partNo, String imei, String errorCode, String errorMessage) {
	}
}
