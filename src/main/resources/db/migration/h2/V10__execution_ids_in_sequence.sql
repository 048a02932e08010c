-- Execution and instance ids are what operators name in every command, and a gap reads as runs gone missing. H2
-- hands a sequence's values out in cached blocks of 32 and a process that is killed loses the rest of its block
-- (ids 3, then 35). Without a cache each value is saved as it is taken: a few writes per run. PostgreSQL's
-- sequences already cache one value at a time, so it has no V10.
ALTER SEQUENCE BATCH_JOB_INSTANCE_SEQ NO CACHE;
ALTER SEQUENCE BATCH_JOB_EXECUTION_SEQ NO CACHE;
ALTER SEQUENCE BATCH_STEP_EXECUTION_SEQ NO CACHE;
