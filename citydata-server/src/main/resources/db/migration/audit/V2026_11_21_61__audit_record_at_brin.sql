-- Records are stored in time order (the log's clock never runs backwards along the sequence), so a block-range index
-- finds the records of a period nearly as well as a b-tree, for a fraction of the cost of keeping it at every append.
drop index audit_record_at;
create index audit_record_at on audit_record using brin (at);
