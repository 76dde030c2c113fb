-- opendata: developer accounts (开发者), their e-mail confirmations and API keys, and the outbox of every mail sent.

-- A citizen or company calling the open API. The password is a bcrypt hash; the tier names a rate limit of
-- citydata.opendata.tiers. An account is usable once its e-mail address is confirmed, and until the bureau disables it.
create table opendata_developer (
    id            bigint generated always as identity primary key,
    email         varchar(254) not null,
    password_hash varchar(100) not null,
    display_name  varchar(50)  not null,
    organisation  varchar(100),
    tier          varchar(30)  not null default 'basic',
    enabled       boolean      not null default true,
    confirmed_at  timestamptz,
    created_at    timestamptz  not null default now()
);
-- one account per address, whatever its case
create unique index opendata_developer_email on opendata_developer (lower(email));

-- A confirmation link's secret, kept as its SHA-256: single use, and only until it expires.
create table opendata_confirmation (
    token_hash   bytea        primary key,
    developer_id bigint       not null references opendata_developer (id),
    created_at   timestamptz  not null default now(),
    expires_at   timestamptz  not null,
    used_at      timestamptz
);
create index opendata_confirmation_developer on opendata_confirmation (developer_id);

-- A developer's API key, as department tokens are kept: its SHA-256 and its first characters, never the secret.
create table opendata_api_key (
    id           bigint generated always as identity primary key,
    developer_id bigint       not null references opendata_developer (id),
    name         varchar(100) not null,
    key_prefix   varchar(16)  not null,
    key_hash     bytea        not null unique,
    created_at   timestamptz  not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index opendata_api_key_developer on opendata_api_key (developer_id, id);

-- Every message the platform mails, sent or not: with no SMTP server configured this is the only record, and the bureau
-- reads confirmation links from it.
create table opendata_mail (
    id         bigint generated always as identity primary key,
    recipient  varchar(254) not null,
    subject    varchar(200) not null,
    body       text         not null,
    created_at timestamptz  not null default now(),
    sent_at    timestamptz,
    attempts   integer      not null default 0,
    error      text
);
create index opendata_mail_recipient on opendata_mail (lower(recipient), id desc);
create index opendata_mail_unsent on opendata_mail (id) where sent_at is null and error is not null;
