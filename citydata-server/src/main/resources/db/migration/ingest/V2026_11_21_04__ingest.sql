-- ingest: every load of a resource's data is a run; rows that fail their field are quarantined, never dropped.
create table ingest_run (
    id            bigint generated always as identity primary key,
    resource_id   bigint       not null references catalog_resource (id),
    source        varchar(200) not null,          -- what was loaded: file name, later a database or API source
    started_by    varchar(150) not null,
    started_at    timestamptz  not null default now(),
    finished_at   timestamptz,
    status        varchar(20)  not null,          -- RUNNING, SUCCEEDED, FAILED
    encoding      varchar(30),
    delimiter     varchar(4),
    rows_read     bigint       not null default 0,
    rows_loaded   bigint       not null default 0,
    rows_rejected bigint       not null default 0,
    bytes_read    bigint       not null default 0,
    version       integer,
    error_code    varchar(60),
    error_args    text[]
);
create index ingest_run_resource on ingest_run (resource_id, id desc);

create table ingest_quarantine (
    run_id  bigint      not null references ingest_run (id) on delete cascade,
    line    bigint      not null,    -- line of the source file (1 = header)
    field   varchar(63),             -- the field whose value failed, null when the row itself is broken
    value   text,
    reason  varchar(60) not null
);
create index ingest_quarantine_run on ingest_quarantine (run_id, line);
