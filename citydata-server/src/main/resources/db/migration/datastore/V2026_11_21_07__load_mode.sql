-- how each version was made from its load: REPLACE, APPEND (added to the version before) or UPSERT (replaced by key)
alter table datastore_version add column load_mode varchar(10) not null default 'REPLACE';
