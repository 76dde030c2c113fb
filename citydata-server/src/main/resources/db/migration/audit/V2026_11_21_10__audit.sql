-- 留痕: one row per read of row-level data or refused attempt.
create table audit_record (
    seq            bigint generated always as identity primary key,
    at             timestamptz  not null default now(),
    actor          varchar(150) not null,
    department_id  bigint       not null,
    application_id bigint,
    end_user       varchar(100),
    channel        varchar(20)  not null,
    action         varchar(20)  not null,
    resource_code  varchar(100),
    version        integer,
    fields         text[]       not null,
    criteria       text,
    row_count      bigint,
    purpose        varchar(200) not null,
    grant_id       bigint,
    request_id     varchar(64),
    outcome        varchar(10)  not null,
    problem_code   varchar(60)
);
create index audit_record_resource on audit_record (resource_code, seq);
