-- opendata: openings (数据开放) of catalog resources to the public, with their review history.

-- What a department asks to open and under which masking; the state says how far it got. Field names and masking
-- rule texts are two arrays of the same length, in catalog order: a field not named is not opened.
create table opendata_opening (
    id                bigint generated always as identity primary key,
    resource_id       bigint       not null references catalog_resource (id),
    resource_code     varchar(40)  not null,
    provider_id       bigint       not null references identity_department (id),
    open_type         varchar(20)  not null check (open_type in ('OPEN', 'CONDITIONAL')),
    open_condition    varchar(500),
    licence           varchar(40)  not null,
    field_names       text[]       not null,
    field_maskings    text[]       not null,
    quasi_identifiers text[]       not null default '{}',
    k                 integer      not null check (k between 2 and 1000),
    state             varchar(20)  not null,
    assessment        jsonb,                    -- the latest risk assessment, as RiskAssessment's JSON
    assessed_version  integer,                  -- the dataset version it looked at
    proposed_by       varchar(150) not null,
    proposed_at       timestamptz  not null default now(),
    published_at      timestamptz,
    ended_at          timestamptz,              -- unpublished or withdrawn
    updated_at        timestamptz  not null default now(),
    check (cardinality(field_names) > 0 and cardinality(field_names) = cardinality(field_maskings))
);
-- one opening in progress or public per resource; ended ones stay as history
create unique index opendata_opening_live on opendata_opening (resource_id) where state not in ('UNPUBLISHED', 'WITHDRAWN');
create index opendata_opening_state on opendata_opening (state, id desc);
create index opendata_opening_provider on opendata_opening (provider_id, id desc);

-- Every step of an opening, append-only.
create table opendata_opening_event (
    id                    bigint generated always as identity primary key,
    opening_id            bigint       not null references opendata_opening (id),
    action                varchar(20)  not null,
    from_state            varchar(20),
    to_state              varchar(20)  not null,
    actor                 varchar(150) not null,
    actor_department_code varchar(20),
    at                    timestamptz  not null default now(),
    note                  text
);
create index opendata_opening_event_opening on opendata_opening_event (opening_id, id);
