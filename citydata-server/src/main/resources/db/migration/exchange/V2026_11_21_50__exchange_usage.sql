-- A grant's use per day: requests admitted and rows returned (the daily row quota counts these).
create table exchange_usage (
    grant_id bigint  not null,
    day      date    not null,
    requests bigint  not null,
    rows     bigint  not null,
    primary key (grant_id, day)
);
