package io.github.campaignbatch.rollout;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.github.campaignbatch.campaign.RolloutPolicy;
import io.github.campaignbatch.submission.CampaignState;
import io.github.campaignbatch.submission.CampaignSubmitter;
import io.github.campaignbatch.submission.Reconciler;
import io.github.campaignbatch.submission.SubmissionLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves rollouts on: after {@code track} read the statuses, each campaign's next wave is released when its gate passes,
 * the rollout halts when it fails, waves whose end date passed expire; and an operator releases or halts a rollout by
 * hand. A release is a ledger transition (HELD to PLANNED, committed) followed by the submitter's own exactly-once POST
 * ({@link CampaignSubmitter}: SUBMITTING committed before it, UNKNOWN when its answer is lost); a released wave left
 * PLANNED, in flight or in doubt by a crash or a lost answer is settled here first, from the vendor's history
 * ({@link Reconciler}), before any gate is looked at. So a wave is sent once, whoever releases it and whatever dies.
 */
public class Rollouts {

	private static final Logger log = LoggerFactory.getLogger(Rollouts.class);

	/** The error code of the devices of a halted rollout's waves. */
	public static final String ROLLOUT_HALTED = "ROLLOUT_HALTED";

	/** The error code of the devices of a wave whose end date passed before it was released. */
	public static final String WAVE_EXPIRED = "WAVE_EXPIRED";

	/** What became of one rollout (one campaign of an execution), as one line says it. */
	public record Event(Kind kind, String campaign, String text) {
	}

	/** The kinds of {@link Event}. */
	public enum Kind {
		/** A wave was released and sent: ThingSpace scheduled it. */
		RELEASED,
		/** A wave was released; its POST's answer was lost or it could not be sent: a later track settles it. */
		IN_DOUBT,
		/** A wave was released and ThingSpace refused it. */
		REFUSED,
		/** The next wave waits for its gate, or a released wave for its answer. */
		WAITING,
		/** The rollout halted: its later waves are not sent. */
		HALTED,
		/** Waves were not sent: their end date passed before their release. */
		EXPIRED
	}

	private final RolloutLedger waves;

	private final SubmissionLedger ledger;

	private final Reconciler reconciler;

	private final CampaignSubmitter submitter;

	private final Clock clock;

	/**
	 * @param submitter sends a released wave: the same exactly-once path as the submit step
	 */
	public Rollouts(RolloutLedger waves, SubmissionLedger ledger, Reconciler reconciler, CampaignSubmitter submitter,
			Clock clock) {
		this.waves = waves;
		this.ledger = ledger;
		this.reconciler = reconciler;
		this.submitter = submitter;
		this.clock = clock;
	}

	/**
	 * One step of every rollout of the job instance: settle what was released and not settled, then for each campaign
	 * release its next wave, halt it or expire its waves, as its gate says. Nothing for a dry run's plan.
	 */
	public List<Event> advance(long jobInstanceId) {
		RolloutPolicy policy = this.waves.policy(jobInstanceId);
		if (policy.isNone() || this.waves.plannedByDryRun(jobInstanceId)) {
			return List.of();
		}
		settleReleased(jobInstanceId);
		List<Event> events = new ArrayList<>();
		for (List<WaveRow> campaign : this.waves.campaigns(jobInstanceId).values()) {
			Event event = advance(campaign, policy);
			if (event != null) {
				events.add(event);
			}
		}
		return events;
	}

	/**
	 * Released waves that a crash or a lost answer left behind: in doubt ones are looked up in ThingSpace's history
	 * (found: SCHEDULED; proved absent after the visibility horizon: PLANNED again), those that could not be sent are
	 * planned again, and every PLANNED one is sent.
	 */
	private void settleReleased(long jobInstanceId) {
		List<WaveRow> released = this.waves.campaigns(jobInstanceId).values().stream().flatMap(List::stream)
			.filter(row -> row.releasedAt() != null && row.inFlight())
			.toList();
		List<Long> inDoubt = released.stream().filter(row -> row.state().needsReconciliation()).map(WaveRow::id).toList();
		if (!inDoubt.isEmpty()) {
			log.info("Reconciling {} released wave(s) in doubt: {}", inDoubt.size(), this.reconciler.reconcile(inDoubt));
		}
		for (WaveRow row : released) {
			if (row.state() == CampaignState.FAILED) {
				this.ledger.markPlanned(row.id(), CampaignState.FAILED);
			}
		}
		for (WaveRow row : released) {
			this.submitter.send(row.id());
		}
	}

	private Event advance(List<WaveRow> campaign, RolloutPolicy policy) {
		String name = campaign.get(0).campaignName();
		List<WaveRow> held = campaign.stream().filter(row -> row.state() == CampaignState.HELD).toList();
		if (held.isEmpty()) {
			return null;
		}
		int next = held.stream().mapToInt(WaveRow::waveNo).min().orElseThrow();
		int count = campaign.get(0).waveCount();
		List<WaveRow> before = campaign.stream().filter(row -> row.waveNo() < next).toList();
		List<WaveRow> unsettled = before.stream().filter(WaveRow::inFlight).toList();
		if (!unsettled.isEmpty()) {
			return new Event(Kind.WAITING, name, "rollout of '" + name + "': wave " + next + " of " + count + " waits: "
					+ unsettled.size() + " campaign(s) of the waves before it not settled yet ("
					+ describeStates(unsettled) + ")");
		}
		Event expired = expireIfPast(name, held, count);
		if (expired != null) {
			return expired;
		}
		List<WaveRow> refused = before.stream().filter(row -> row.state() == CampaignState.REJECTED).toList();
		if (!refused.isEmpty()) {
			WaveRow first = refused.get(0);
			return halt(name, held, count, "rollout of '" + name + "' halted: wave " + first.waveNo() + " was refused by"
					+ " ThingSpace (" + first.errorCode() + ": " + first.errorMessage() + ")");
		}
		List<WaveRow> sent = before.stream().filter(row -> row.state() == CampaignState.SCHEDULED).toList();
		Gate.Reading reading = this.waves.measure(sent);
		return switch (Gate.decide(reading, policy.gateSuccess())) {
			case PASS -> release(name, campaign, next, "gate passed: " + (next == 2 ? "wave 1" : "waves 1-" + (next - 1))
					+ ": " + reading.describe() + ", gate " + policy.gatePercent());
			case HALT -> halt(name, held, count, "rollout of '" + name + "' halted after wave " + (next - 1) + " of "
					+ count + ": " + reading.describe() + ", below the gate of " + policy.gatePercent());
			case WAIT -> new Event(Kind.WAITING, name, "rollout of '" + name + "': wave " + next + " of " + count
					+ " waits for its gate (" + policy.gatePercent() + "): " + reading.describe());
		};
	}

	private Event expireIfPast(String name, List<WaveRow> held, int count) {
		LocalDate today = today();
		List<WaveRow> past = held.stream().filter(row -> row.expiredOn(today)).toList();
		if (past.isEmpty()) {
			return null;
		}
		String reason = "not sent: the campaign's end date " + past.get(0).endDate() + " passed before this wave was"
				+ " released; put the devices in a new file with new dates to send them";
		this.waves.expire(past, WAVE_EXPIRED, reason, this.clock.instant());
		return new Event(Kind.EXPIRED, name, "rollout of '" + name + "': " + devices(past) + " device(s) of "
				+ waveList(past) + " of " + count + " EXPIRED, " + reason);
	}

	private Event halt(String name, List<WaveRow> held, int count, String why) {
		String reason = why + "; the waves after it are not sent ('rollout --execution " + executionOf(held)
				+ " --release' sends the next one anyway)";
		this.waves.halt(held, ROLLOUT_HALTED, reason, this.clock.instant());
		log.warn(reason);
		return new Event(Kind.HALTED, name, why + "; " + devices(held) + " device(s) of " + waveList(held) + " of "
				+ count + " not sent (HALTED)");
	}

	/** Releases wave {@code waveNo} of the campaign and sends it; then the waves after it wait for their gates. */
	private Event release(String name, List<WaveRow> campaign, int waveNo, String why) {
		List<WaveRow> wave = campaign.stream().filter(row -> row.waveNo() == waveNo).toList();
		int count = campaign.get(0).waveCount();
		if (!this.waves.release(wave, List.of(), today(), this.clock.instant())) {
			return new Event(Kind.WAITING, name, "rollout of '" + name + "': wave " + waveNo + " of " + count
					+ " was released by another process meanwhile");
		}
		List<CampaignState> outcomes = new ArrayList<>();
		for (WaveRow row : wave) {
			outcomes.add(this.submitter.send(row.id()));
		}
		return new Event(kindOf(outcomes), name, "rollout of '" + name + "': wave " + waveNo + " of " + count + " released ("
				+ devices(wave) + " device(s), starting " + this.ledger.find(wave.get(0).id()).startDate() + ", " + why
				+ "): " + describeOutcomes(wave, outcomes));
	}

	private static Kind kindOf(List<CampaignState> outcomes) {
		if (outcomes.contains(CampaignState.REJECTED)) {
			return Kind.REFUSED;
		}
		return outcomes.stream().allMatch(state -> state == CampaignState.SCHEDULED) ? Kind.RELEASED : Kind.IN_DOUBT;
	}

	private String describeOutcomes(List<WaveRow> wave, List<CampaignState> outcomes) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < wave.size(); i++) {
			var row = this.ledger.find(wave.get(i).id());
			text.append(i == 0 ? "" : "; ").append(outcomes.get(i));
			switch (outcomes.get(i)) {
				case SCHEDULED -> text.append(" id ").append(row.remoteId());
				case UNKNOWN -> text.append(" (answer lost: settled from ThingSpace's history by a later track, never"
						+ " resent on a guess)");
				case FAILED -> text.append(" (not sent: ThingSpace unreachable; the next track sends it)");
				case REJECTED -> text.append(" by ThingSpace (its devices' errorMessage in the report says why)");
				default -> text.append("");
			}
		}
		return text.toString();
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	/** The rows' distinct states: {@code SCHEDULED, UNKNOWN}. */
	public static String describeStates(List<WaveRow> rows) {
		StringBuilder text = new StringBuilder();
		rows.stream().map(WaveRow::state).distinct().forEach(state -> text.append(text.isEmpty() ? "" : ", ")
			.append(state));
		return text.toString();
	}

	static long devices(List<WaveRow> rows) {
		return rows.stream().mapToLong(WaveRow::deviceCount).sum();
	}

	/** {@code wave 3} or {@code waves 2-4}. */
	static String waveList(List<WaveRow> rows) {
		int first = rows.stream().mapToInt(WaveRow::waveNo).min().orElse(0);
		int last = rows.stream().mapToInt(WaveRow::waveNo).max().orElse(0);
		return first == last ? "wave " + first : "waves " + first + "-" + last;
	}

	/**
	 * The rollouts of the job instance an operator may act on: each campaign with waves not released (HELD, or HALTED),
	 * or only those named (by the campaign's name or the name of one of its waves).
	 * @throws IllegalArgumentException a name that is no such rollout of the job instance
	 */
	public List<Pending> pending(long jobInstanceId, List<String> names) {
		List<Pending> pending = new ArrayList<>();
		for (List<WaveRow> campaign : this.waves.campaigns(jobInstanceId).values()) {
			List<WaveRow> waiting = campaign.stream()
				.filter(row -> row.state() == CampaignState.HELD || row.state() == CampaignState.HALTED)
				.toList();
			if (!waiting.isEmpty() && (names.isEmpty() || names.stream().anyMatch(named(campaign)))) {
				int next = waiting.stream().mapToInt(WaveRow::waveNo).min().orElseThrow();
				pending.add(new Pending(campaign.get(0).campaignName(), campaign.get(0).waveCount(),
						waiting.stream().filter(row -> row.waveNo() == next).toList(),
						waiting.stream().filter(row -> row.waveNo() != next).toList()));
			}
		}
		for (String name : names) {
			if (pending.stream().noneMatch(rollout -> rollout.campaign().equals(name) || rollout.waves().stream()
				.anyMatch(row -> row.name().equals(name)))) {
				throw new IllegalArgumentException("execution has no rollout named '" + name + "' with a wave not"
						+ " released (see 'status --execution ID')");
			}
		}
		return pending;
	}

	private static Predicate<String> named(List<WaveRow> campaign) {
		return name -> campaign.stream().anyMatch(row -> row.name().equals(name) || row.campaignName().equals(name));
	}

	/**
	 * The operator's release: the next wave is sent now whatever its gate says (its devices' HALTED or HELD rows become
	 * PLANNED), and the waves after it wait for their gates again (HELD). An expired wave is not sent.
	 */
	public Event releaseByHand(Pending rollout) {
		Event expired = expireIfPast(rollout.campaign(), rollout.waves(), rollout.waveCount());
		if (expired != null) {
			return expired;
		}
		int waveNo = rollout.next().get(0).waveNo();
		if (!this.waves.release(rollout.next(), rollout.later(), today(), this.clock.instant())) {
			return new Event(Kind.WAITING, rollout.campaign(), "rollout of '" + rollout.campaign() + "': wave " + waveNo
					+ " was moved by another process meanwhile; nothing done (see 'status --execution "
					+ executionOf(rollout.next()) + "')");
		}
		List<CampaignState> outcomes = new ArrayList<>();
		for (WaveRow row : rollout.next()) {
			outcomes.add(this.submitter.send(row.id()));
		}
		return new Event(kindOf(outcomes), rollout.campaign(), "rollout of '" + rollout.campaign() + "': wave " + waveNo
				+ " of " + rollout.waveCount() + " released by hand (" + devices(rollout.next()) + " device(s), starting "
				+ this.ledger.find(rollout.next().get(0).id()).startDate() + "): "
				+ describeOutcomes(rollout.next(), outcomes)
				+ (rollout.later().isEmpty() ? "" : "; the waves after it wait for their gates"));
	}

	/** The operator's halt: the waves not released are not sent (HALTED); what was sent runs on ('cancel' stops it). */
	public Event haltByHand(Pending rollout) {
		List<WaveRow> held = new ArrayList<>(rollout.next());
		held.addAll(rollout.later());
		held.removeIf(row -> row.state() != CampaignState.HELD);
		if (held.isEmpty()) {
			return new Event(Kind.HALTED, rollout.campaign(), "rollout of '" + rollout.campaign() + "' is already halted");
		}
		String reason = "rollout of '" + rollout.campaign() + "' halted by hand on " + today()
				+ "; the waves not released are not sent ('rollout --execution " + executionOf(held)
				+ " --release' sends the next one)";
		if (!this.waves.halt(held, ROLLOUT_HALTED, reason, this.clock.instant())) {
			return new Event(Kind.WAITING, rollout.campaign(), "rollout of '" + rollout.campaign() + "' was moved by"
					+ " another process meanwhile; nothing done (see 'status --execution " + executionOf(held) + "')");
		}
		return new Event(Kind.HALTED, rollout.campaign(), "rollout of '" + rollout.campaign() + "' halted by hand: "
				+ devices(held) + " device(s) of " + waveList(held) + " of " + rollout.waveCount() + " not sent (HALTED)");
	}

	/** The execution an operator names for these rows (the last of their job instance), for the messages' commands. */
	private long executionOf(List<WaveRow> rows) {
		return this.waves.executionOf(rows.get(0));
	}

	/**
	 * A rollout with waves not released: its next wave ({@code next}, all of its parts) and the ones after it.
	 */
	public record Pending(String campaign, int waveCount, List<WaveRow> next, List<WaveRow> later) {

		/** Every row of the waves not released. */
		public List<WaveRow> waves() {
			List<WaveRow> all = new ArrayList<>(this.next);
			all.addAll(this.later);
			return all;
		}

		public boolean halted() {
			return this.next.stream().anyMatch(row -> row.state() == CampaignState.HALTED);
		}

		/** {@code 'fw' wave 2 of 3 (30 devices, HALTED: ...)}. */
		public String describe() {
			WaveRow first = this.next.get(0);
			return "'" + this.campaign + "' wave " + first.waveNo() + " of " + this.waveCount + " (" + devices(this.next)
					+ " device(s), " + first.state() + (first.errorMessage() == null ? "" : ": " + first.errorMessage())
					+ ")" + (this.later.isEmpty() ? "" : ", then " + waveList(this.later) + " (" + devices(this.later)
							+ " device(s))");
		}
	}
}
