-- catalog: data resources (信息资源), their fields (信息项), relations and the history of their metadata.

-- The last sequence handed out per code prefix (classification + provider). Codes are never reused.
create table catalog_code_sequence (
    prefix     varchar(40) primary key,
    last_value integer     not null
);

create table catalog_resource (
    id              bigint generated always as identity primary key,
    code            varchar(40)  not null unique,
    name            varchar(100) not null,
    provider_id     bigint       not null references identity_department (id),
    summary         text         not null,
    resource_type   varchar(20)  not null,
    theme           varchar(30)  not null,
    format          varchar(20)  not null,
    share_type      varchar(20)  not null,
    share_condition text,
    share_methods   text[]       not null default '{}',
    open_type       varchar(20)  not null,
    open_condition  text,
    update_cycle    varchar(20)  not null,
    release_date    date,
    region_code     varchar(12),
    tags            text[]       not null default '{}',
    status          varchar(20)  not null,
    version         integer      not null,
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now(),
    constraint catalog_resource_basis check (share_type = 'UNCONDITIONAL' or share_condition is not null)
);
create index catalog_resource_provider on catalog_resource (provider_id);

create table catalog_field (
    resource_id bigint      not null references catalog_resource (id) on delete cascade,
    position    integer     not null,
    name        varchar(63) not null,
    label       varchar(50) not null,
    type        varchar(20) not null,
    length      integer,
    description varchar(500),
    sensitivity varchar(2)  not null,
    is_key      boolean     not null,
    primary key (resource_id, name)
);

create table catalog_relation (
    resource_id bigint not null references catalog_resource (id) on delete cascade,
    related_id  bigint not null references catalog_resource (id),
    position    integer not null,
    primary key (resource_id, related_id)
);

-- Every version of every resource's metadata, whole, as it was after the change: who, when, what.
create table catalog_resource_version (
    resource_id  bigint      not null references catalog_resource (id) on delete cascade,
    version      integer     not null,
    changed_by   varchar(100) not null,
    changed_at   timestamptz not null default now(),
    action       varchar(20) not null,
    snapshot     jsonb       not null,
    primary key (resource_id, version)
);
