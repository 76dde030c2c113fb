-- platform: the working-day calendar. One row per date that is not what its weekday says: a public holiday
-- (HOLIDAY, also on a weekend) or a weekend day worked to bridge one (WORKDAY, 调休). Every working-day deadline
-- of the platform counts on it. Seeded from reference/holidays/cn-public-holidays.csv by the next migration.
create table platform_calendar_day (
    day        date         primary key,
    kind       varchar(10)  not null check (kind in ('HOLIDAY', 'WORKDAY')),
    name       varchar(50)  not null,
    changed_by varchar(150) not null,
    changed_at timestamptz  not null default now()
);
