-- When the last POST of each campaign was sent (helper ledger, issue 11 section 2). The vendor's history lags
-- behind its writes, so an in-doubt campaign (UNKNOWN, or SUBMITTING after a crash) is declared "not created"
-- only from a history read that began at least campaign.submission.visibility-horizon after this instant.
-- Campaigns recorded before this column existed have it NULL: the ledger then counts from updated_at, which is
-- never earlier than their last POST.
ALTER TABLE campaign ADD COLUMN last_sent_at TIMESTAMP;
