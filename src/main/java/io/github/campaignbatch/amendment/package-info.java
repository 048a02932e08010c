/**
 * Changing what is scheduled ({@code amend}, issue 23): the dates, windows and devices of campaigns already at
 * ThingSpace, within the vendor's rules, exactly once.
 * <ul>
 * <li>{@link io.github.campaignbatch.amendment.DateChange} and {@link io.github.campaignbatch.amendment.DeviceRequest}:
 * what the operator asked, the dates converted from local time like the input's;</li>
 * <li>{@link io.github.campaignbatch.amendment.AmendmentRules}: what the vendor accepts, checked on the campaign as
 * read before anything is sent;</li>
 * <li>{@link io.github.campaignbatch.amendment.CampaignAmender}: reads, records the change, sends it, records the
 * outcome; a change whose answer was lost is settled by reading the campaign (its dates, its device report) before
 * anything is sent again;</li>
 * <li>{@link io.github.campaignbatch.amendment.AmendmentStore}: the amendment ledger (V9) and the campaign ledger's
 * copy of the dates and devices.</li>
 * </ul>
 */
package io.github.campaignbatch.amendment;
