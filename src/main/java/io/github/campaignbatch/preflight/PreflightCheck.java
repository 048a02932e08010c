package io.github.campaignbatch.preflight;

import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.campaignbatch.staging.StagedInstance;
import io.github.campaignbatch.staging.StagedRejections;
import io.github.campaignbatch.staging.StagedRejections.TakenOutDevice;
import io.github.campaignbatch.staging.StagingException;
import io.github.campaignbatch.staging.StagingStore;
import io.github.campaignbatch.submission.SubmissionLedger;
import io.github.campaignbatch.thingspace.AuthenticationFailedException;
import io.github.campaignbatch.thingspace.AvailableFile;
import io.github.campaignbatch.thingspace.ThingSpaceClient;
import io.github.campaignbatch.thingspace.ThingSpaceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The checks before the first POST of a run, on the campaigns still PLANNED:
 * <ol>
 * <li>a device this database holds in an active campaign of the same account (SCHEDULED by an earlier real
 * execution, dates overlapping, not ended, cancelled or aborted) is taken out of its campaign with
 * {@code ALREADY_IN_ACTIVE_CAMPAIGN}, naming that campaign and its execution; the vendor would otherwise refuse
 * the whole campaign for it. A campaign left without devices is rejected with the same code;</li>
 * <li>a campaign whose file and version are not among the account's available files of its distribution type is
 * not sent: REJECTED with {@code FILE_NOT_AVAILABLE}. When the list cannot be read, or may be truncated (the vendor
 * returns at most {@value #VENDOR_FILE_LIMIT}), it warns once and rejects nothing on absence.</li>
 * </ol>
 * Nothing is created at the vendor: the only calls are reads of the available files.
 */
public class PreflightCheck {

	private static final Logger log = LoggerFactory.getLogger(PreflightCheck.class);

	/** The vendor lists at most this many files: a list this long may be missing some. */
	static final int VENDOR_FILE_LIMIT = 100;

	public static final String FILE_NOT_AVAILABLE = "FILE_NOT_AVAILABLE";

	public static final String ALREADY_IN_ACTIVE_CAMPAIGN = "ALREADY_IN_ACTIVE_CAMPAIGN";

	/** Whether a device or campaign was refused by this check (before anything was sent), not by ThingSpace. */
	public static boolean isPreflightCode(String errorCode) {
		return FILE_NOT_AVAILABLE.equals(errorCode) || ALREADY_IN_ACTIVE_CAMPAIGN.equals(errorCode);
	}

	/** Vendor statuses of a campaign that no longer holds its devices. */
	private static final String ENDED_STATUSES = "'CampaignEnded', 'CampaignCancelled', 'CampaignAborted', 'CampaignFailed',"
			+ " 'CampaignRequestFailed'";

	/** What the checks did. */
	public record Outcome(int devicesTakenOut, int campaignsRejected, List<String> warnings) {
	}

	private final JdbcTemplate jdbc;

	private final ThingSpaceClient client;

	private final ObjectProvider<RequiredFilesListener> listeners;

	private final StagingStore staging;

	private final SubmissionLedger ledger;

	public PreflightCheck(JdbcTemplate jdbc, ThingSpaceClient client,
			ObjectProvider<RequiredFilesListener> listeners, StagingStore staging, SubmissionLedger ledger) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.staging = staging;
		this.client = client;
		this.listeners = listeners;
	}

	/**
	 * @param today the run's today: a campaign whose end date is before it no longer holds its devices
	 * @throws AuthenticationFailedException the credentials were refused: the run cannot send anything either
	 */
	public Outcome check(long jobInstanceId, LocalDate today) {
		int takenOut = takeOutDevicesInActiveCampaigns(jobInstanceId, today);
		int emptied = rejectCampaignsWithoutDevices(jobInstanceId);
		List<String> warnings = new ArrayList<>();
		int unavailable = rejectUnavailableFiles(jobInstanceId, warnings);
		if (takenOut > 0) {
			log.warn("{} device(s) left out: already in an active campaign of this database (ALREADY_IN_ACTIVE_CAMPAIGN)",
					takenOut);
		}
		return new Outcome(takenOut, emptied + unavailable, List.copyOf(warnings));
	}

	private int takeOutDevicesInActiveCampaigns(long jobInstanceId, LocalDate today) {
		// Campaign pairs first: in the usual case no other active campaign shares the account and dates, and no
		// device list is read at all.
		List<Overlap> overlaps = this.jdbc.query("""
				SELECT c.id, c.campaign_key, c.part_no, o.id, o.name, o.remote_id,
					(SELECT MAX(x.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION x WHERE x.JOB_INSTANCE_ID = o.job_instance_id)
				FROM campaign c JOIN campaign o ON o.account = c.account AND o.job_instance_id <> c.job_instance_id
				WHERE c.job_instance_id = ? AND c.state = 'PLANNED'""" + activeCondition() + " ORDER BY c.id, o.id",
				(rs, n) -> new Overlap(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getLong(4),
						activeCampaignMessage(rs.getString(5), rs.getString(6), rs.getObject(7))),
				jobInstanceId, Date.valueOf(today));
		if (overlaps.isEmpty()) {
			return 0;
		}
		Map<Long, Set<String>> imeisOfOthers = new HashMap<>();
		Map<Long, List<Overlap>> byCampaign = new LinkedHashMap<>();
		for (Overlap overlap : overlaps) {
			imeisOfOthers.computeIfAbsent(overlap.otherId(), id -> new HashSet<>(imeisOf(id)));
			byCampaign.computeIfAbsent(overlap.campaignId(), id -> new ArrayList<>()).add(overlap);
		}
		List<TakenOutDevice> takenOut = new ArrayList<>();
		Map<Long, List<String>> keptByCampaign = new LinkedHashMap<>();
		for (Map.Entry<Long, List<Overlap>> campaign : byCampaign.entrySet()) {
			List<String> kept = new ArrayList<>();
			for (String imei : imeisOf(campaign.getKey())) {
				Overlap holder = campaign.getValue().stream()
					.filter(other -> imeisOfOthers.get(other.otherId()).contains(imei))
					.findFirst()
					.orElse(null);
				if (holder == null) {
					kept.add(imei);
				}
				else {
					takenOut.add(new TakenOutDevice(holder.campaignKey(), holder.partNo(), imei, ALREADY_IN_ACTIVE_CAMPAIGN,
							holder.message()));
				}
			}
			keptByCampaign.put(campaign.getKey(), kept);
		}
		if (takenOut.isEmpty()) {
			return 0;
		}
		// The staged devices first, the ledger after: a crash in between leaves the campaign PLANNED with its full
		// list, and the next start takes the same devices out again before anything is sent.
		try (StagedInstance staged = this.staging.require(jobInstanceId)) {
			new StagedRejections(staged).rejectDevices(takenOut);
		}
		catch (SQLException ex) {
			throw new StagingException("cannot mark the devices already in active campaigns: " + ex.getMessage(), ex);
		}
		this.ledger.keepDevices(keptByCampaign);
		return takenOut.size();
	}

	/**
	 * The devices among {@code imeis} that another active campaign of this database holds (the rule of
	 * {@code ALREADY_IN_ACTIVE_CAMPAIGN}, for devices to be added to a scheduled campaign by {@code amend}), each with
	 * the line that names that campaign and its execution. Another campaign of the same execution counts too.
	 */
	public Map<String, String> heldByOtherActiveCampaigns(long campaignId, Collection<String> imeis, LocalDate today) {
		Map<String, String> held = new LinkedHashMap<>();
		if (imeis.isEmpty()) {
			return held;
		}
		List<Object[]> others = this.jdbc.query("""
				SELECT o.id, o.name, o.remote_id,
					(SELECT MAX(x.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION x WHERE x.JOB_INSTANCE_ID = o.job_instance_id)
				FROM campaign c JOIN campaign o ON o.account = c.account AND o.id <> c.id
				WHERE c.id = ?""" + activeCondition() + " ORDER BY o.id",
				(rs, n) -> new Object[] { rs.getLong(1), activeCampaignMessage(rs.getString(2), rs.getString(3),
						rs.getObject(4)) }, campaignId, Date.valueOf(today));
		Set<String> wanted = new HashSet<>(imeis);
		for (Object[] other : others) {
			for (String imei : imeisOf((Long) other[0])) {
				if (wanted.contains(imei)) {
					held.putIfAbsent(imei, (String) other[1]);
				}
			}
		}
		return held;
	}

	/** A campaign's device list, as the ledger holds it. */
	private List<String> imeisOf(long campaignId) {
		return this.ledger.deviceList(this.ledger.find(campaignId));
	}

	private static String activeCampaignMessage(String name, String remoteId, Object executionId) {
		String execution = executionId == null ? "?" : executionId.toString();
		if (remoteId == null) {
			// a wave waiting for its gate: not at ThingSpace yet, the rollout holds the device
			return "device is already in wave '" + name + "' of a rollout of execution " + execution + ", not released yet:"
					+ " it must be halted first (rollout --execution " + execution + " --halt)";
		}
		return "device is already in active campaign '" + name + "' (ThingSpace id " + remoteId + ") of execution "
				+ execution + ": it must end or be cancelled first (cancel --execution ID)";
	}

	/** One of this run's planned campaign parts and another execution's active campaign it may share devices with. */
	private record Overlap(long campaignId, String campaignKey, int partNo, long otherId, String message) {
	}

	/**
	 * The other campaign holds its devices: sent (SCHEDULED), or a wave of a rollout waiting for its gate (HELD: it will
	 * be sent with these devices, and ThingSpace would then refuse it and halt that rollout), by an execution of the
	 * same world as ours (real, or the simulator), its dates overlapping ours, its end date not passed and no final
	 * vendor status read.
	 */
	private static String activeCondition() {
		return """
				 AND o.state IN ('SCHEDULED', 'HELD') AND o.start_date <= c.end_date AND o.end_date >= c.start_date
				AND o.end_date >= ? AND (o.vendor_status IS NULL OR o.vendor_status NOT IN (""" + ENDED_STATUSES + """
				))
				AND""" + simulated("o") + " = " + simulated("c");
	}

	/** 1 when the campaign's job instance ran against the simulator, else 0: the two worlds never hold each other's devices. */
	private static String simulated(String campaign) {
		return """
				 (CASE WHEN EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p JOIN BATCH_JOB_EXECUTION px
					ON px.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID WHERE px.JOB_INSTANCE_ID = %s.job_instance_id
					AND p.PARAMETER_NAME = 'target' AND p.PARAMETER_VALUE = 'simulator') THEN 1 ELSE 0 END)""".formatted(campaign);
	}

	private int rejectCampaignsWithoutDevices(long jobInstanceId) {
		return this.ledger.rejectPlannedWithoutDevices(jobInstanceId, ALREADY_IN_ACTIVE_CAMPAIGN,
				"every device of this campaign is already in another active campaign (see each device's errorMessage)");
	}

	private int rejectUnavailableFiles(long jobInstanceId, List<String> warnings) {
		Map<String, Set<RequiredFile>> byAccount = new LinkedHashMap<>();
		this.jdbc.query("""
				SELECT DISTINCT account, file_name, file_version, distribution_type FROM campaign
				WHERE job_instance_id = ? AND state = 'PLANNED' ORDER BY account, distribution_type, file_name, file_version""",
				rs -> {
					byAccount.computeIfAbsent(rs.getString(1), account -> new LinkedHashSet<>())
						.add(new RequiredFile(rs.getString(2), rs.getString(3), rs.getString(4)));
				}, jobInstanceId);
		if (byAccount.isEmpty()) {
			return 0;
		}
		List<RequiredFile> all = byAccount.values().stream().flatMap(Set::stream).distinct().toList();
		this.listeners.orderedStream().forEach(listener -> listener.beforeReadingAvailableFiles(all));
		int rejected = 0;
		for (Map.Entry<String, Set<RequiredFile>> account : byAccount.entrySet()) {
			for (String type : account.getValue().stream().map(RequiredFile::distributionType).distinct().toList()) {
				Set<String> available = availableOrNull(account.getKey(), type, warnings);
				if (available == null) {
					continue;
				}
				for (RequiredFile file : account.getValue()) {
					if (file.distributionType().equals(type) && !available.contains(key(file.fileName(), file.fileVersion()))) {
						rejected += reject(jobInstanceId, account.getKey(), file);
					}
				}
			}
		}
		return rejected;
	}

	/** The files' name+version keys, or {@code null} (with a warning) when absence proves nothing. */
	private Set<String> availableOrNull(String account, String type, List<String> warnings) {
		List<AvailableFile> files;
		try {
			files = this.client.availableFiles(account, type);
		}
		catch (AuthenticationFailedException ex) {
			throw ex;
		}
		catch (ThingSpaceException ex) {
			warn(warnings, "cannot read the available " + type + " files of account " + account + " (" + ex.getMessage()
					+ "): files are not checked before sending");
			return null;
		}
		if (files.size() >= VENDOR_FILE_LIMIT) {
			warn(warnings, "account " + account + " lists " + files.size() + " available " + type + " files, the vendor's"
					+ " maximum: the list may be truncated, so a file missing from it is not rejected before sending");
			return null;
		}
		Set<String> keys = new HashSet<>();
		for (AvailableFile file : files) {
			keys.add(key(file.fileName(), file.fileVersion()));
		}
		return keys;
	}

	private int reject(long jobInstanceId, String account, RequiredFile file) {
		String message = "file " + file.describe() + " is not among the files available to account " + account
				+ ": upload it to ThingSpace, or correct fileName/fileVersion/distributionType";
		log.warn("Not sending the campaigns of {}: {}", file.describe(), message);
		return this.ledger.rejectPlannedNeedingFile(jobInstanceId, account, file.fileName(), file.fileVersion(),
				file.distributionType(), FILE_NOT_AVAILABLE, message);
	}

	private static void warn(List<String> warnings, String warning) {
		if (!warnings.contains(warning)) {
			warnings.add(warning);
			log.warn(warning);
		}
	}

	private static String key(String name, String version) {
		return name + '\n' + version;
	}
}
