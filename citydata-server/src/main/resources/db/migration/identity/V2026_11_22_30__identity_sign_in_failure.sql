-- 登录失败处理: the wrong passwords of the last lock period, by account and by client address, so that too many of them
-- close sign-in for a while (identity.SignInGuard). Kept here rather than in a node's memory, so that every node and a
-- restart see the same count. Only failures younger than the lock period are kept; each new failure deletes the older.
create table identity_sign_in_failure (
    id      bigint generated always as identity primary key,
    account text        not null, -- the kind of account and the name tried, e.g. developer:a@example.cn
    client  text,                 -- the client's address, where the caller counts by it
    at      timestamptz not null default now()
);
create index identity_sign_in_failure_account on identity_sign_in_failure (account, at);
create index identity_sign_in_failure_client on identity_sign_in_failure (client, at);
create index identity_sign_in_failure_at on identity_sign_in_failure (at);
