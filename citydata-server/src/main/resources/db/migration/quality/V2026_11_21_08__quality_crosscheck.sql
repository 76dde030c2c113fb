-- quality: 多元校核 (cross-checks). An item's authoritative source is declared in the catalog (一数一源); here a
-- department declares that another resource of its own also holds the item, so the two can be compared.
create table quality_item_holder (
    item        varchar(100) not null,   -- no foreign key: a released item keeps its holders for the next owner
    resource_id bigint not null references catalog_resource (id),
    field_name  varchar(63) not null,
    declared_by varchar(150) not null,
    declared_at timestamptz not null default now(),
    primary key (item, resource_id)
);

-- One comparison of an item's authoritative resource with one holder, as it was when it ran: resources, fields and
-- versions compared, and the counts. Department ids are kept so that each side's department finds its checks.
create table quality_crosscheck_run (
    id                          bigint generated always as identity primary key,
    item                        varchar(100) not null,
    item_label                  varchar(100) not null,
    authoritative_resource_id   bigint not null references catalog_resource (id),
    authoritative_resource_code varchar(40) not null,
    authoritative_resource_name varchar(100) not null,
    authoritative_department_id bigint not null,
    authoritative_field         varchar(63) not null,
    authoritative_key           varchar(63) not null,
    authoritative_version_id    bigint not null,
    authoritative_version       integer not null,
    other_resource_id           bigint not null references catalog_resource (id),
    other_resource_code         varchar(40) not null,
    other_resource_name         varchar(100) not null,
    other_department_id         bigint not null,
    other_field                 varchar(63) not null,
    other_key                   varchar(63) not null,
    other_version_id            bigint not null,
    other_version               integer not null,
    compared                    bigint not null,
    conflicts                   bigint not null,
    only_in_authoritative       bigint not null,
    only_in_other               bigint not null,
    listed                      integer not null,   -- conflicts kept below (the first ones by key)
    run_by                      varchar(150) not null,
    run_at                      timestamptz not null default now()
);
create index quality_crosscheck_run_authoritative on quality_crosscheck_run (authoritative_department_id, id desc);
create index quality_crosscheck_run_other on quality_crosscheck_run (other_department_id, id desc);
create index quality_crosscheck_run_pair on quality_crosscheck_run (item, other_resource_id, id desc);

create table quality_conflict (
    run_id              bigint not null references quality_crosscheck_run (id) on delete cascade,
    position            integer not null,
    key_value           text not null,
    authoritative_value text,
    other_value         text,
    primary key (run_id, position)
);
