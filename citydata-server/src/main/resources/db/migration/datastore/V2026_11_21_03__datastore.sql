-- datastore: each resource's rows live in one table per version, in schema dataset; these tables say which.
create schema if not exists dataset;

create table datastore_version (
    id            bigint generated always as identity primary key,
    resource_id   bigint      not null references catalog_resource (id),
    version       integer     not null,
    table_name    varchar(63) not null unique,
    status        varchar(20) not null,            -- LOADING, COMMITTED, FAILED, DROPPED
    row_count     bigint,
    added         bigint,
    changed       bigint,
    removed       bigint,
    created_at    timestamptz not null default now(),
    committed_at  timestamptz,
    unique (resource_id, version)
);

-- The version readers see. Switching it is one row update: readers move from the old table to the new at once.
create table datastore_current (
    resource_id bigint primary key references catalog_resource (id),
    version_id  bigint not null references datastore_version (id)
);

-- Who read which rows of which resource, and why (the hash-chained audit log replaces this in the audit module).
create table datastore_access (
    id           bigint generated always as identity primary key,
    at           timestamptz not null default now(),
    actor        varchar(150) not null,
    resource_id  bigint      not null references catalog_resource (id),
    version_id   bigint      not null references datastore_version (id),
    fields       text[]      not null,
    row_count    integer     not null,
    purpose      varchar(200) not null
);
