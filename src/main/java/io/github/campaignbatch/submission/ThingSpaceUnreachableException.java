package io.github.campaignbatch.submission;

/**
 * The submit step stopped because ThingSpace could not be reached: a run of campaigns could not be sent at all.
 * Nothing in doubt was created by those attempts; the campaigns stay PLANNED for the next run.
 */
public class ThingSpaceUnreachableException extends RuntimeException {

	public ThingSpaceUnreachableException(int campaignsInARow, String lastCampaign) {
		super("ThingSpace is unreachable (" + campaignsInARow + " campaigns in a row could not be sent, the last '"
				+ lastCampaign + "'); the campaigns not sent stay planned");
	}

	public ThingSpaceUnreachableException(String message, Throwable cause) {
		super(message, cause);
	}
}
