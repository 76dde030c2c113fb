-- The audit module's log (audit_record) now holds every read.
drop table datastore_access;
