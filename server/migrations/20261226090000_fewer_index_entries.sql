-- Every application writes about thirty index entries (its row in 10-11 of 15 indexes, its
-- documents, its audit record, its outbox event), and each entry is a page to find, change and
-- log: the larger part of what PostgreSQL spends on a mixed application on the city-year. Three
-- of those entries served nothing another index did not, or served a rare read at every write.

-- 1. An application by id alone (the API's `GET /applications/{id}`, in whichever jurisdiction
-- holds it) read `applications_id (id)`, beside the primary key `(city_code, id)`: two entries
-- of the same key. The primary key ordered with the id first serves both that read and every
-- read by city and id, and the keys that point at an application (which name both columns; a
-- unique index may order them as it likes). Those keys are dropped with the old primary key and
-- made again, each checked against the rows it holds.
DO $$
DECLARE
  fks text[][];
  fk text[];
BEGIN
  SELECT coalesce(array_agg(ARRAY[conrelid::regclass::text, quote_ident(conname),
           pg_get_constraintdef(oid)]), '{}')
    INTO fks FROM pg_constraint WHERE contype = 'f' AND confrelid = 'applications'::regclass;
  ALTER TABLE applications DROP CONSTRAINT applications_pkey CASCADE;
  ALTER TABLE applications ADD CONSTRAINT applications_pkey PRIMARY KEY (id, city_code);
  FOREACH fk SLICE 1 IN ARRAY fks LOOP
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %s %s', fk[1], fk[2], fk[3]);
  END LOOP;
END $$;
DROP INDEX applications_id;
COMMENT ON INDEX applications_pkey IS
  'An application by id (ids are unique across jurisdictions), with its city: by id alone and by city and id.';

-- 2. The audit log's primary key was a serial `(city_code, id)` that no read uses: every read and
-- every checkpoint finds a record by its chain and place, `(city_code, partition_key, seq)`,
-- which was a unique key of its own. That key is now the primary key; the serial stays a column.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey,
  DROP CONSTRAINT audit_log_city_code_partition_key_seq_key,
  ADD CONSTRAINT audit_log_pkey PRIMARY KEY (city_code, partition_key, seq);
COMMENT ON INDEX audit_log_pkey IS
  'A record by its chain and place in it: the chain''s order for verification and checkpoints.';

-- 3. A document by its printed number (public verification) read `documents_number (number)`,
-- written for every document beside the unique `documents_kind_number (number, kind, city)`,
-- which holds every document but void plates (a plate's number returns to selection). The void
-- plates get an index of their own, written only when a plate is voided, and the look-up reads
-- both (documents.repository.ts, findDocumentByNumber).
DROP INDEX documents_number;
CREATE INDEX documents_void_plates ON documents (number, city_code)
  WHERE kind = 'plate' AND status <> 'valid';
COMMENT ON INDEX documents_void_plates IS
  'Void plates by number (the rest are in documents_kind_number): with it, a document by number.';
