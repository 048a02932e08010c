/**
 * The life of a campaign after the POST: {@code track} reads each scheduled campaign's status and every device's
 * status from ThingSpace into the job database (tables {@code device_vendor_status} and {@code campaign_tracking}),
 * and {@code cancel} cancels or aborts campaigns. A campaign whose final state has been read is no longer polled.
 */
package io.github.campaignbatch.tracking;
