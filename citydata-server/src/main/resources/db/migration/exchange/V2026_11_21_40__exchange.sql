-- exchange: share applications (共享申请) with their history, and the grants (授权) approvals make.

-- Resource and department names and codes are copied in: the application is what was asked, as it was asked.
create table exchange_application (
    id              bigint generated always as identity primary key,
    resource_id     bigint       not null references catalog_resource (id),
    resource_code   varchar(40)  not null,
    resource_name   varchar(100) not null,
    share_type      varchar(20)  not null,   -- as the catalog said at submission
    provider_id     bigint       not null references identity_department (id),
    provider_code   varchar(20)  not null,
    consumer_id     bigint       not null references identity_department (id),
    consumer_code   varchar(20)  not null,
    fields          text[]       not null,
    purpose         varchar(500) not null,
    legal_basis     varchar(500),
    period_from     date         not null,
    period_to       date         not null,
    daily_calls     integer      not null,
    contact_name    varchar(50)  not null,
    contact_phone   varchar(30)  not null,
    application_ids bigint[]     not null default '{}',   -- identity_api_token ids; empty: all of the department's
    status          varchar(20)  not null,
    submitted_by    varchar(150) not null,
    submitted_at    timestamptz  not null default now(),
    due_date        date,                                 -- the provider's deadline; null for unconditional resources
    answer          text,                                 -- refusal reason or approval note
    grant_id        bigint,
    updated_at      timestamptz  not null default now(),
    check (period_to >= period_from)
);
create index exchange_application_provider on exchange_application (provider_id, id desc);
create index exchange_application_consumer on exchange_application (consumer_id, id desc);
-- the deadline check looks only at applications still waiting for the provider
create index exchange_application_due on exchange_application (due_date) where status = 'SUBMITTED';
create index exchange_application_escalated on exchange_application (due_date) where status = 'ESCALATED';

-- Every move of an application, append-only: the history the console shows and the bureau answers for.
create table exchange_application_event (
    id                    bigint generated always as identity primary key,
    application_id        bigint       not null references exchange_application (id),
    action                varchar(20)  not null,
    from_status           varchar(20),
    to_status             varchar(20)  not null,
    actor                 varchar(150) not null,
    actor_department_code varchar(20),
    at                    timestamptz  not null default now(),
    note                  text,
    due_date              date,                 -- the deadline this step set
    clear_l4_fields       text[]       not null default '{}',
    justification         text,                 -- why L4 fields go out in clear; required whenever some do
    check (cardinality(clear_l4_fields) = 0 or justification is not null)
);
create index exchange_application_event_application on exchange_application_event (application_id, id);

-- Field names and masking rule texts in two arrays of the same length, in the approved order.
create table exchange_grant (
    id              bigint generated always as identity primary key,
    application_id  bigint       references exchange_application (id),
    resource_id     bigint       not null references catalog_resource (id),
    resource_code   varchar(40)  not null,
    resource_name   varchar(100) not null,
    provider_id     bigint       not null references identity_department (id),
    consumer_id     bigint       not null references identity_department (id),
    field_names     text[]       not null,
    field_maskings  text[]       not null,
    purpose         varchar(500) not null,
    valid_from      date         not null,
    valid_until     date         not null,
    rate_per_minute integer      not null check (rate_per_minute > 0),
    daily_row_quota bigint       not null check (daily_row_quota > 0),
    application_ids bigint[]     not null default '{}',
    status          varchar(20)  not null,
    status_reason   text,
    created_at      timestamptz  not null default now(),
    check (cardinality(field_names) > 0 and cardinality(field_names) = cardinality(field_maskings)),
    check (valid_until >= valid_from)
);
-- asked on every exchange request: this department's grants of this resource, newest first
create index exchange_grant_usable on exchange_grant (consumer_id, resource_code, id desc);
create index exchange_grant_provider on exchange_grant (provider_id, id desc);
create index exchange_grant_lapsing on exchange_grant (valid_until) where status in ('ACTIVE', 'SUSPENDED');

alter table exchange_application add constraint exchange_application_grant
    foreign key (grant_id) references exchange_grant (id);

create table exchange_grant_event (
    id          bigint generated always as identity primary key,
    grant_id    bigint       not null references exchange_grant (id),
    action      varchar(20)  not null,
    from_status varchar(20),
    to_status   varchar(20)  not null,
    actor       varchar(150) not null,
    at          timestamptz  not null default now(),
    reason      text
);
create index exchange_grant_event_grant on exchange_grant_event (grant_id, id);
