-- Staging speed: H2 saves an identity column's sequence with a commit of its own each time its cache of values
-- runs out, and with WRITE_DELAY=0 every such commit is written to disk at once. The default cache (32) made
-- staging a million rows write the database some 31,000 extra times (most of the load step's time in a JFR
-- profile, see BENCHMARKS.md). Values left unused in the cache at close are skipped: ids need only be unique.
ALTER TABLE device_entry ALTER COLUMN id SET CACHE 100000;
