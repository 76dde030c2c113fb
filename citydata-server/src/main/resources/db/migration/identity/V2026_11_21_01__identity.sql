-- identity: the organisation tree, people, and API tokens of department applications.

create table identity_department (
    id            bigint generated always as identity primary key,
    code          varchar(20)  not null unique check (code ~ '^[0-9A-Z]{2,20}$'),
    parent_id     bigint references identity_department (id),
    name_zh       varchar(100) not null,
    name_en       varchar(200) not null,
    contact_name  varchar(50),
    contact_phone varchar(30),
    contact_email varchar(100),
    created_at    timestamptz  not null default now()
);
create index identity_department_parent on identity_department (parent_id);

create table identity_user (
    id            bigint generated always as identity primary key,
    username      varchar(32)  not null unique,
    display_name  varchar(50)  not null,
    password_hash varchar(100) not null,
    department_id bigint       not null references identity_department (id),
    roles         text[]       not null default '{}',
    enabled       boolean      not null default true,
    created_at    timestamptz  not null default now()
);
create index identity_user_department on identity_user (department_id);

create table identity_api_token (
    id            bigint generated always as identity primary key,
    name          varchar(100) not null,
    token_prefix  varchar(16)  not null,   -- the first characters, so a person can tell tokens apart
    token_hash    bytea        not null unique,
    department_id bigint       not null references identity_department (id),
    scopes        text[]       not null,
    created_by    bigint       not null references identity_user (id),
    created_at    timestamptz  not null default now(),
    expires_at    timestamptz  not null,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
