-- Photo reuse across vehicles (supervision rule inspection-photo-reuse, docs/BENCHMARKS.md):
-- the rule looked every photo of the period up in the GIN index inspections_photos, one index
-- look-up per photo (60,000 for a county-year). Each photo hash of an inspection is kept once
-- here, so the inspections that share a hash are one join on (city, hash).
CREATE TABLE inspection_photos (
  city_code     text NOT NULL,
  hash          text NOT NULL,
  inspection_id uuid NOT NULL,
  PRIMARY KEY (city_code, hash, inspection_id)
);
COMMENT ON TABLE inspection_photos IS 'Each photo hash of each inspection, once (filled by the trigger inspection_photos_fill): which inspections of a city share a photo.';
COMMENT ON COLUMN inspection_photos.city_code IS 'The city of the inspection.';
COMMENT ON COLUMN inspection_photos.hash IS 'A photo hash of the inspection, lower case, as in inspections.photo_hashes.';
COMMENT ON COLUMN inspection_photos.inspection_id IS 'The inspection (inspections.id in the same city).';

-- A trigger rather than the writers: inspections are written by a station's request, by the
-- import, by the scale generator's COPY and by tests and benches straight into the table, and
-- every one of them must leave the photos here. Inspections are never updated or deleted.
CREATE FUNCTION inspection_photos_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO inspection_photos (city_code, hash, inspection_id)
  SELECT DISTINCT NEW.city_code, h, NEW.id FROM unnest(NEW.photo_hashes) AS h
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION inspection_photos_fill() IS 'Keeps inspection_photos: the photo hashes of a new inspection, once each.';

CREATE TRIGGER inspection_photos_fill AFTER INSERT ON inspections
  FOR EACH ROW WHEN (cardinality(NEW.photo_hashes) > 0)
  EXECUTE FUNCTION inspection_photos_fill();
COMMENT ON TRIGGER inspection_photos_fill ON inspections IS 'Every new inspection''s photo hashes into inspection_photos.';

-- The inspections already recorded.
INSERT INTO inspection_photos (city_code, hash, inspection_id)
SELECT DISTINCT i.city_code, h, i.id FROM inspections i, unnest(i.photo_hashes) AS h;

-- The GIN index served that look-up only; the table replaces it.
DROP INDEX inspections_photos;
