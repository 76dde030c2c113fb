-- The log's one writer stores a record and its subjects in the same transaction, so the foreign key from a subject to
-- its record guarded nothing; it cost every subject a lookup and a row lock on its record, about a third of the time
-- PostgreSQL spent storing the log under the exchange benchmark (pg_stat_statements, docs/benchmarks.md).
alter table audit_subject drop constraint audit_subject_seq_fkey;
