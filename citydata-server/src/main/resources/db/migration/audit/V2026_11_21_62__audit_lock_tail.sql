-- The log's writer takes the log's lock and reads its tail (next sequence number, time of the last record) in one
-- round trip. The read is a statement of its own after the lock, so under READ COMMITTED it sees what the previous
-- holder of the lock committed; the last record has the latest time, as the log's clock never runs backwards.
create function audit_lock_tail(lock_key bigint, out next_seq bigint, out last_at timestamptz)
    language plpgsql volatile as $$
begin
    perform pg_advisory_xact_lock(lock_key);
    select seq + 1, at into next_seq, last_at from audit_record order by seq desc limit 1;
    next_seq := coalesce(next_seq, 0);
end $$;
