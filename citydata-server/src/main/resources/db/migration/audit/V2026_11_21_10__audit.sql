-- 留痕: the access log. One row per read of row-level data or refused attempt. The rows are the leaves of an RFC 6962
-- Merkle tree whose heads are signed (audit_tree_head); nothing in these four tables is ever updated or deleted, and
-- the triggers at the end refuse it. Free text is unbounded (text), so that no record can fail for its length.
create table audit_record (
    seq            bigint      primary key, -- the leaf index, from 0, given by the log's one writer without gaps
    at             timestamptz not null,
    actor          text        not null,
    department_id  bigint      not null,
    application_id bigint,
    end_user       text,
    channel        text        not null,
    action         text        not null,
    resource_code  text,
    provider_id    bigint,               -- the department whose data was read
    version        integer,
    fields         text[]      not null,
    criteria       text,
    row_count      bigint,
    purpose        text,
    grant_id       bigint,
    request_id     text,
    outcome        text        not null,
    problem_code   text,
    leaf_hash      bytea       not null  -- SHA-256(0x00 || leaf bytes), see docs/decisions/2026-11-21-audit-log.md
);
create index audit_record_resource on audit_record (resource_code, seq);
create index audit_record_actor on audit_record (actor, seq);
create index audit_record_department on audit_record (department_id, seq);
create index audit_record_provider on audit_record (provider_id, seq);
create index audit_record_at on audit_record (at);

-- The resident IDs and credit codes of the rows a read returned, as HMAC-SHA256 keyed hashes only: enough to find
-- the reads of one person's record, not to learn whose records were read.
create table audit_subject (
    seq          bigint not null references audit_record (seq),
    subject_hash bytea  not null,
    primary key (seq, subject_hash)
);
create index audit_subject_hash on audit_subject (subject_hash, seq);

-- Every complete, aligned subtree above the leaves: node idx of level L covers leaves [idx·2^L, (idx+1)·2^L).
-- Written with its last leaf, in the same transaction; proofs and the writer's frontier read them.
create table audit_node (
    level smallint not null,
    idx   bigint   not null,
    hash  bytea    not null,
    primary key (level, idx)
);

-- Signed tree heads (Ed25519 over TreeHead.signedBytes): the log had `size` records with this root at signed_at.
create table audit_tree_head (
    size      bigint      primary key,
    root_hash bytea       not null,
    signed_at timestamptz not null,
    signature bytea       not null
);

create function audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the access log is append-only: % on % is refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end $$;

create trigger audit_record_append_only before update or delete on audit_record
    for each row execute function audit_append_only();
create trigger audit_record_no_truncate before truncate on audit_record
    for each statement execute function audit_append_only();
create trigger audit_subject_append_only before update or delete on audit_subject
    for each row execute function audit_append_only();
create trigger audit_subject_no_truncate before truncate on audit_subject
    for each statement execute function audit_append_only();
create trigger audit_node_append_only before update or delete on audit_node
    for each row execute function audit_append_only();
create trigger audit_node_no_truncate before truncate on audit_node
    for each statement execute function audit_append_only();
create trigger audit_tree_head_append_only before update or delete on audit_tree_head
    for each row execute function audit_append_only();
create trigger audit_tree_head_no_truncate before truncate on audit_tree_head
    for each statement execute function audit_append_only();

-- Runs of the whole-log verification (not part of the log: a run's progress is updated as it goes).
create table audit_verification (
    id            bigint generated always as identity primary key,
    started_by    text        not null,
    started_at    timestamptz not null default now(),
    finished_at   timestamptz,
    state         text        not null, -- RUNNING, DONE, FAILED
    records       bigint,
    heads         integer,
    work          bigint,               -- leaf hashes to compute in all
    checked       bigint      not null default 0,
    finding       text,
    record_index  bigint,
    head_index    integer,
    head_size     bigint,
    verified_size bigint,
    error         text
);
