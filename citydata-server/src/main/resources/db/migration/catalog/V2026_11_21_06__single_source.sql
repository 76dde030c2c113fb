-- 一数一源: each data item (e.g. person.name, "a resident's name by ID number") has one authoritative provider,
-- named by the resource and field that hold it.
create table catalog_authoritative_item (
    item         varchar(100) primary key,
    label        varchar(100) not null,
    resource_id  bigint       not null references catalog_resource (id),
    field_name   varchar(63)  not null,
    declared_by  varchar(150) not null,
    declared_at  timestamptz  not null default now()
);
