-- the size of what a run reads, when known, so progress can be shown as a share
alter table ingest_run add column bytes_total bigint;
