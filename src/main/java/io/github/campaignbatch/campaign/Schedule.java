package io.github.campaignbatch.campaign;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * When and how a campaign delivers its file: the part of a row that every row of one campaign must share.
 * Optional dates are {@code null}; time-window lists may be empty.
 *
 * @param timeZone the zone the operator wrote the dates and windows in (the row's {@code timeZone} or
 * {@code --time-zone}), {@code null} when they were written in the API's zone; the dates and windows themselves are
 * always the API's, as sent ({@link LocalTimeConversion})
 */
public record Schedule(String distributionType, LocalDate startDate, LocalDate endDate, LocalDate downloadAfterDate,
		List<TimeWindow> downloadTimeWindows, LocalDate installAfterDate, List<TimeWindow> installTimeWindows,
		String timeZone) {

	public Schedule {
		Objects.requireNonNull(distributionType, "distributionType");
		Objects.requireNonNull(startDate, "startDate");
		Objects.requireNonNull(endDate, "endDate");
		downloadTimeWindows = List.copyOf(downloadTimeWindows);
		installTimeWindows = List.copyOf(installTimeWindows);
	}

	/** A schedule written in the API's own zone. */
	public Schedule(String distributionType, LocalDate startDate, LocalDate endDate, LocalDate downloadAfterDate,
			List<TimeWindow> downloadTimeWindows, LocalDate installAfterDate, List<TimeWindow> installTimeWindows) {
		this(distributionType, startDate, endDate, downloadAfterDate, downloadTimeWindows, installAfterDate,
				installTimeWindows, null);
	}

	/**
	 * A canonical text form: two rows belong to one schedule exactly when their signatures are equal, which
	 * lets the database compare schedules with one column. The zone is part of it: two rows whose local windows
	 * happen to convert alike in one season still differ in another. Left out when there is none, so that the
	 * signatures of schedules without a zone stay what they were.
	 */
	public String signature() {
		String signature = String.join("|", this.distributionType, this.startDate.toString(), this.endDate.toString(),
				Objects.toString(this.downloadAfterDate, ""), TimeWindow.format(this.downloadTimeWindows),
				Objects.toString(this.installAfterDate, ""), TimeWindow.format(this.installTimeWindows));
		return this.timeZone == null ? signature : signature + "|" + this.timeZone;
	}
}
