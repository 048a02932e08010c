/**
 * Pure validation rules for one input row: parsing dates, IMEIs, time windows and distribution types into device entries with per-device error codes. No Spring here.
 */
package io.github.campaignbatch.validation;
