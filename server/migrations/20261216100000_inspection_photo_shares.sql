-- Photo reuse across vehicles (rule inspection-photo-reuse): each run began by grouping every
-- photo hash the city ever recorded to find the ones more than one inspection has (61 ms on the
-- bench's county-year to find none, and growing with the years kept). The hashes that are shared
-- are kept here as inspections are recorded, so a run starts from them.
CREATE TABLE inspection_photo_shares (
  city_code text NOT NULL,
  hash      text NOT NULL,
  PRIMARY KEY (city_code, hash)
);
COMMENT ON TABLE inspection_photo_shares IS 'The photo hashes of a city that more than one inspection has (kept by the trigger inspection_photo_shares_keep): where photo reuse is looked for.';
COMMENT ON COLUMN inspection_photo_shares.city_code IS 'The city of the inspections.';
COMMENT ON COLUMN inspection_photo_shares.hash IS 'A photo hash held by two or more inspections of the city (inspection_photos).';

-- Per statement of new inspections (after inspection_photos_fill, a row trigger, has stored
-- their photos): their hashes that now have another inspection. A lock per city and bucket of
-- hashes (in one order; 256 buckets, so that an import of a year takes a bounded number of
-- locks), held until the recording commits, makes a second recording of the same photo wait for
-- the first and then see it: two stations sending the same picture at once are still found.
CREATE FUNCTION inspection_photo_shares_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('inspection photo shares ' || city_code), bucket)
     FROM (SELECT DISTINCT n.city_code, abs(hashtext(h) % 256) AS bucket
             FROM new_rows n, unnest(n.photo_hashes) AS h) k
    ORDER BY city_code, bucket;
  INSERT INTO inspection_photo_shares (city_code, hash)
  SELECT k.city_code, k.hash
    FROM (SELECT DISTINCT n.city_code, h AS hash FROM new_rows n, unnest(n.photo_hashes) AS h) k
   WHERE (SELECT count(*) FROM (SELECT 1 FROM inspection_photos p
                                 WHERE p.city_code = k.city_code AND p.hash = k.hash LIMIT 2) two) > 1
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION inspection_photo_shares_keep() IS 'Keeps inspection_photo_shares as inspections are recorded (inspections are never changed or removed).';

CREATE TRIGGER inspection_photo_shares_keep AFTER INSERT ON inspections
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION inspection_photo_shares_keep();
COMMENT ON TRIGGER inspection_photo_shares_keep ON inspections IS 'Each statement''s new inspections: their photo hashes shared with another inspection into inspection_photo_shares.';

-- Every shared hash of every city: the first fill below, and the scale generator after its COPY
-- (which runs with the trigger off).
CREATE FUNCTION inspection_photo_shares_rebuild() RETURNS void LANGUAGE sql AS $$
  INSERT INTO inspection_photo_shares (city_code, hash)
  SELECT city_code, hash FROM inspection_photos GROUP BY city_code, hash HAVING count(*) > 1
  ON CONFLICT DO NOTHING;
$$;
COMMENT ON FUNCTION inspection_photo_shares_rebuild() IS 'Adds every photo hash that two or more inspections of a city have to inspection_photo_shares.';
SELECT inspection_photo_shares_rebuild();
