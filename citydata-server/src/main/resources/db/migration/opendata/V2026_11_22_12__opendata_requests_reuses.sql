-- 数据需求: anyone asks for data that is not open; the department it is addressed to answers in public.
create table opendata_request (
    id              bigint generated always as identity primary key,
    title           varchar(100)  not null,
    description     varchar(2000) not null,
    requester_name  varchar(50)   not null,
    requester_email varchar(120),               -- for the answer's notice only; never shown
    department_id   bigint references identity_department (id), -- null: the bureau routes it
    state           varchar(20)   not null default 'OPEN' check (state in ('OPEN', 'ANSWERED')),
    outcome         varchar(20)   check (outcome in ('PLANNED', 'OPENED', 'DECLINED')),
    answer          varchar(2000),
    dataset_code    varchar(40),                -- the opened dataset that answers it
    answered_by     varchar(150),
    answered_at     timestamptz,
    created_at      timestamptz   not null default now(),
    check ((state = 'ANSWERED') = (outcome is not null and answer is not null))
);
create index opendata_request_department on opendata_request (department_id, id desc);

-- 应用展示: apps and analyses built on open data, shown once the bureau has looked at them.
create table opendata_reuse (
    id            bigint generated always as identity primary key,
    title         varchar(100)  not null,
    description   varchar(2000) not null,
    url           varchar(500)  not null,
    kind          varchar(20)   not null check (kind in ('APP', 'ANALYSIS', 'VISUALIZATION', 'ARTICLE')),
    author        varchar(100)  not null,
    dataset_codes text[]        not null check (cardinality(dataset_codes) > 0),
    state         varchar(20)   not null default 'SUBMITTED' check (state in ('SUBMITTED', 'PUBLISHED', 'REJECTED')),
    moderated_by  varchar(150),
    moderated_at  timestamptz,
    created_at    timestamptz   not null default now()
);
create index opendata_reuse_datasets on opendata_reuse using gin (dataset_codes);
