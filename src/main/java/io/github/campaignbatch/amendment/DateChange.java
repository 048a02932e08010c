package io.github.campaignbatch.amendment;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.campaignbatch.campaign.LocalTimeConversion;
import io.github.campaignbatch.campaign.Schedule;
import io.github.campaignbatch.campaign.TimeWindow;
import io.github.campaignbatch.thingspace.Campaign;
import io.github.campaignbatch.thingspace.CampaignDates;

/**
 * The dates and windows an operator asked to change; a component left {@code null} is not asked and stays as the
 * vendor has it. An after-date asked away is {@code Optional.empty()}, a window list asked away is empty.
 */
public record DateChange(LocalDate startDate, LocalDate endDate, Optional<LocalDate> downloadAfterDate,
		Optional<LocalDate> installAfterDate, List<TimeWindow> downloadWindows, List<TimeWindow> installWindows) {

	/** What a conversion from local time made of a change, and the clock changes it spans. */
	public record InApiZone(DateChange change, List<String> daylightSavingWarnings) {
	}

	public boolean isEmpty() {
		return this.startDate == null && this.endDate == null && this.downloadAfterDate == null
				&& this.installAfterDate == null && this.downloadWindows == null && this.installWindows == null;
	}

	/**
	 * The whole schedule to send: the campaign's current one with the asked changes laid over it (the vendor clears
	 * whatever the PUT leaves out).
	 */
	public CampaignDates applyTo(CampaignDates current) {
		return new CampaignDates(this.startDate != null ? this.startDate : current.startDate(),
				this.endDate != null ? this.endDate : current.endDate(),
				this.downloadAfterDate != null ? this.downloadAfterDate.orElse(null) : current.downloadAfterDate(),
				this.downloadWindows != null ? this.downloadWindows : current.downloadTimeWindowList(),
				this.installAfterDate != null ? this.installAfterDate.orElse(null) : current.installAfterDate(),
				this.installWindows != null ? this.installWindows : current.installTimeWindowList());
	}

	/**
	 * The change with its values read as local time in {@code zone}, turned into the API's zone as the input's are
	 * ({@link LocalTimeConversion}): the asked windows are shifted and split, the asked dates widened to hold the
	 * local windows (the asked ones, or the campaign's current ones seen in local time). What was not asked stays as
	 * the vendor has it. A start that falls before today in the API's zone while the local one does not is today.
	 */
	public InApiZone inApiZone(ZoneId zone, ZoneId apiZone, Campaign current, LocalDate today) {
		if (!LocalTimeConversion.differs(zone, apiZone)) {
			return new InApiZone(this, List.of());
		}
		CampaignDates now = CampaignDates.of(current);
		LocalDate start = this.startDate != null ? this.startDate : now.startDate();
		int shift = LocalTimeConversion.shiftSeconds(zone, apiZone, LocalTimeConversion.at(start, 0, zone));
		Schedule local = new Schedule(current.distributionType() == null ? "" : current.distributionType(), start,
				this.endDate != null ? this.endDate : now.endDate(),
				this.downloadAfterDate != null ? this.downloadAfterDate.orElse(null) : now.downloadAfterDate(),
				this.downloadWindows != null ? this.downloadWindows
						: LocalTimeConversion.shift(now.downloadTimeWindowList(), -shift),
				this.installAfterDate != null ? this.installAfterDate.orElse(null) : now.installAfterDate(),
				this.installWindows != null ? this.installWindows
						: LocalTimeConversion.shift(now.installTimeWindowList(), -shift));
		LocalTimeConversion.Result result = LocalTimeConversion.toApiZone(local, zone, apiZone);
		Schedule converted = result.schedule();
		return new InApiZone(new DateChange(
				this.startDate == null ? null : notBefore(converted.startDate(), this.startDate, today),
				this.endDate == null ? null : converted.endDate(),
				this.downloadAfterDate == null ? null
						: this.downloadAfterDate.map(asked -> notBefore(converted.downloadAfterDate(), asked, today)),
				this.installAfterDate == null ? null
						: this.installAfterDate.map(asked -> notBefore(converted.installAfterDate(), asked, today)),
				this.downloadWindows == null ? null : converted.downloadTimeWindows(),
				this.installWindows == null ? null : converted.installTimeWindows()), result.daylightSavingWarnings());
	}

	/** The converted date, or today when it fell before today while the asked local date did not. */
	private static LocalDate notBefore(LocalDate converted, LocalDate asked, LocalDate today) {
		return converted.isBefore(today) && !asked.isBefore(today) ? today : converted;
	}

	/** The options that ask for it, as the operator would write them. */
	public String describe() {
		List<String> parts = new ArrayList<>();
		if (this.startDate != null) {
			parts.add("--start-date " + this.startDate);
		}
		if (this.endDate != null) {
			parts.add("--end-date " + this.endDate);
		}
		if (this.downloadAfterDate != null) {
			parts.add("--download-after " + this.downloadAfterDate.map(LocalDate::toString).orElse("none"));
		}
		if (this.installAfterDate != null) {
			parts.add("--install-after " + this.installAfterDate.map(LocalDate::toString).orElse("none"));
		}
		if (this.downloadWindows != null) {
			parts.add("--download-windows " + (this.downloadWindows.isEmpty() ? "none" : TimeWindow.format(this.downloadWindows)));
		}
		if (this.installWindows != null) {
			parts.add("--install-windows " + (this.installWindows.isEmpty() ? "none" : TimeWindow.format(this.installWindows)));
		}
		return String.join(" ", parts);
	}
}
