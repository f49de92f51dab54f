-- The relay marked each event published (an update that wrote a new row version and two index
-- entries), and a nightly job removed the events published a week before. Nothing reads a
-- published event from the outbox: the event queue holds it for its consumers and the audit log
-- is the record. The relay now removes what it has published, in the transaction that claimed
-- it, so the outbox holds only events still to publish, in id order by its primary key; each
-- event is one index entry where it was two (the partial index of unpublished ids) and later
-- two more.
DELETE FROM outbox WHERE published_at IS NOT NULL;
DROP INDEX outbox_unpublished;
DROP INDEX outbox_published;
ALTER TABLE outbox DROP COLUMN published_at;
ALTER TABLE outbox DROP CONSTRAINT outbox_pkey,
  ADD CONSTRAINT outbox_pkey PRIMARY KEY (id, city_code);
COMMENT ON TABLE outbox IS
  'Events written in the same transaction as their change, until the relay publishes them to the event queue (and removes them).';
COMMENT ON INDEX outbox_pkey IS 'The events to publish, oldest first (the relay''s order).';
