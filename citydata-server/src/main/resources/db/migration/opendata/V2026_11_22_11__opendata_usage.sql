-- How much each open dataset is used, per day: portal page views, downloads and open API calls. Statistics, counted
-- in memory and added here every few seconds.
create table opendata_usage (
    resource_code varchar(40) not null,
    day           date        not null,
    views         bigint      not null default 0,
    downloads     bigint      not null default 0,
    api_calls     bigint      not null default 0,
    primary key (resource_code, day)
);
create index opendata_usage_day on opendata_usage (day);
