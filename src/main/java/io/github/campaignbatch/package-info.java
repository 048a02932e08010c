/**
 * campaign-batch: schedules ThingSpace FOTA file-upgrade campaigns in bulk from spreadsheets.
 */
package io.github.campaignbatch;
