package io.github.campaignbatch.campaign;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * When and how a campaign delivers its file: the part of a row that every row of one campaign must share.
 * Optional dates are {@code null}; time-window lists may be empty.
 */
public record Schedule(String distributionType, LocalDate startDate, LocalDate endDate, LocalDate downloadAfterDate,
		List<TimeWindow> downloadTimeWindows, LocalDate installAfterDate, List<TimeWindow> installTimeWindows) {

	public Schedule {
		Objects.requireNonNull(distributionType, "distributionType");
		Objects.requireNonNull(startDate, "startDate");
		Objects.requireNonNull(endDate, "endDate");
		downloadTimeWindows = List.copyOf(downloadTimeWindows);
		installTimeWindows = List.copyOf(installTimeWindows);
	}

	/**
	 * A canonical text form: two rows belong to one schedule exactly when their signatures are equal, which
	 * lets the database compare schedules with one column.
	 */
	public String signature() {
		return String.join("|", this.distributionType, this.startDate.toString(), this.endDate.toString(),
				Objects.toString(this.downloadAfterDate, ""), TimeWindow.format(this.downloadTimeWindows),
				Objects.toString(this.installAfterDate, ""), TimeWindow.format(this.installTimeWindows));
	}
}
