-- A source belongs to a resource: the department's file uploads, a database table or query, or a JSON API.
-- Its secret (database password, API token) is stored encrypted with the platform's key, never in clear.
create table ingest_source (
    id           bigint generated always as identity primary key,
    resource_id  bigint       not null references catalog_resource (id),
    kind         varchar(10)  not null,             -- FILE, JDBC, HTTP
    name         varchar(100) not null,
    load_mode    varchar(10)  not null default 'REPLACE',
    mapping      jsonb        not null default '{}', -- source column -> catalog field ('' = ignore the column)
    settings     jsonb        not null default '{}', -- per kind: url, table or query, watermark column, paging
    secret       bytea,
    scheduled    boolean      not null default false,
    cron         varchar(100),                      -- null: derived from the resource's update cycle
    next_run_at  timestamptz,
    watermark    text,                              -- the highest watermark value loaded so far (incremental sync)
    created_by   varchar(150) not null,
    created_at   timestamptz  not null default now(),
    updated_at   timestamptz  not null default now(),
    unique (resource_id, name)
);
create index ingest_source_due on ingest_source (next_run_at) where scheduled;

alter table ingest_run add column source_id bigint references ingest_source (id) on delete set null;
alter table ingest_run add column load_mode varchar(10) not null default 'REPLACE';
-- the columns the source offered, so a failed match can be mapped by hand
alter table ingest_run add column columns text[];
