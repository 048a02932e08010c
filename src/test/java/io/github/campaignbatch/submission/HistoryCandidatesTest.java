package io.github.campaignbatch.submission;

import java.time.LocalDate;
import java.util.List;

import io.github.campaignbatch.submission.HistoryCandidates.Judgement;
import io.github.campaignbatch.submission.HistoryCandidates.Kind;
import io.github.campaignbatch.submission.HistoryCandidates.Sorting;
import io.github.campaignbatch.thingspace.Campaign;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule that makes a campaign found in the vendor's history ours, in plain Java: its device report against the
 * devices we sent, and whether the visibility horizon of our send has passed.
 */
class HistoryCandidatesTest {

	private static final List<String> SENT = List.of("352099000000014", "352099000000022", "352099000000030");

	private static final Campaign CANDIDATE = new Campaign("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "ACC", "Retry wave 1",
			null, null, null, null, null, "HTTP", null, null, LocalDate.of(2030, 1, 15), LocalDate.of(2030, 2, 15), null,
			null, null, null, "CampaignRequestPending");

	@Test
	void exactlyOurDevicesInAnyOrderIsOursAtAnyTime() {
		List<String> reordered = List.of(SENT.get(2), SENT.get(0), SENT.get(1));

		assertThat(HistoryCandidates.byDevices(CANDIDATE, SENT, reordered, false).kind()).isEqualTo(Kind.OURS);
		assertThat(HistoryCandidates.byDevices(CANDIDATE, SENT, reordered, true).kind()).isEqualTo(Kind.OURS);
	}

	@Test
	void otherDevicesAreNotOursEvenBeforeTheHorizonAndTheReasonCountsThem() {
		Judgement judgement = HistoryCandidates.byDevices(CANDIDATE, SENT, List.of("352099000001012", SENT.get(0)), false);

		assertThat(judgement.kind()).isEqualTo(Kind.NOT_OURS);
		assertThat(judgement.why()).isEqualTo("other devices: it holds 2, we sent 3, 1 in common");
	}

	@Test
	void ourDevicesAndOneMoreAreNotOursEvenBeforeTheHorizon() {
		List<String> more = List.of(SENT.get(0), SENT.get(1), SENT.get(2), "352099000001012");

		assertThat(HistoryCandidates.byDevices(CANDIDATE, SENT, more, false).kind()).isEqualTo(Kind.NOT_OURS);
	}

	@Test
	void anEmptyOrPartialDeviceReportCannotTellBeforeTheHorizonAndIsNotOursAfterIt() {
		for (List<String> listed : List.of(List.<String>of(), SENT.subList(0, 2))) {
			Judgement early = HistoryCandidates.byDevices(CANDIDATE, SENT, listed, false);
			assertThat(early.kind()).isEqualTo(Kind.CANNOT_TELL_YET);
			assertThat(early.why()).startsWith("its device report lists " + listed.size() + " of the 3 devices we sent");

			Judgement late = HistoryCandidates.byDevices(CANDIDATE, SENT, listed, true);
			assertThat(late.kind()).isEqualTo(Kind.NOT_OURS);
			assertThat(late.why()).isEqualTo("other devices: it holds " + listed.size() + ", we sent 3, " + listed.size()
					+ " in common");
		}
	}

	@Test
	void anIdHeldByAnotherLedgerRowIsNotOursAndTheLineNamesThatRow() {
		LedgerCampaign holder = new LedgerCampaign(17, 3, "key", 1, "Retry wave 1", "ACC", "fw.bin", "1.0", "HTTP",
				LocalDate.of(2030, 1, 15), LocalDate.of(2030, 2, 15), null, null, null, null, 2, CampaignState.SCHEDULED,
				CANDIDATE.id(), 1, null);
		LedgerCampaign ours = new LedgerCampaign(42, 5, "key", 1, "Retry wave 1", "ACC", "fw.bin", "1.0", "HTTP",
				LocalDate.of(2030, 1, 15), LocalDate.of(2030, 2, 15), null, null, null, null, 3, CampaignState.UNKNOWN,
				null, 1, null);

		Judgement judgement = HistoryCandidates.heldBy(CANDIDATE, holder);

		assertThat(judgement.kind()).isEqualTo(Kind.NOT_OURS);
		assertThat(HistoryCandidates.setAside(ours, judgement)).isEqualTo("Campaign 'Retry wave 1' (ledger campaign 42):"
				+ " ThingSpace campaign " + CANDIDATE.id() + " has its name and dates but is not ours, set aside: its id is"
				+ " already held by ledger campaign 17 ('Retry wave 1', job instance 3, SCHEDULED)");
	}

	@Test
	void onlyOneCandidateThatIsOursWithNothingOpenMayBeClaimed() {
		Judgement open = new Judgement(CANDIDATE, Kind.CANNOT_TELL_YET, "its device report lists 0 of the 3");

		assertThat(new Sorting(List.of(CANDIDATE), List.of(), List.of()).theOneThatIsOurs()).contains(CANDIDATE);
		assertThat(new Sorting(List.of(CANDIDATE), List.of(open), List.of()).theOneThatIsOurs()).isEmpty();
		assertThat(new Sorting(List.of(CANDIDATE, CANDIDATE), List.of(), List.of()).theOneThatIsOurs()).isEmpty();
		assertThat(new Sorting(List.of(), List.of(), List.of()).theOneThatIsOurs()).isEmpty();
	}
}
