-- Imports for supervision (CONTRACT.md Part 2 "Imports for supervision and anti-fraud"): exam
-- results and inspections of the legacy platform come in with their own ids. The id a line
-- carries is kept beside the row's uuid, unique per city, so importing a file again adds nothing;
-- inspections also say whether the station recorded them here or they were imported.

ALTER TABLE exam_results ADD COLUMN import_id text;
CREATE UNIQUE INDEX exam_results_import ON exam_results (city_code, import_id)
  WHERE import_id IS NOT NULL;
COMMENT ON COLUMN exam_results.import_id IS 'The legacy platform''s id of an imported result (source = import); unique per city, null for results recorded here.';
COMMENT ON INDEX exam_results_import IS 'One imported result per legacy id and city: a repeated line is refused as already imported.';

ALTER TABLE inspections
  ADD COLUMN source text NOT NULL DEFAULT 'platform' CHECK (source IN ('platform', 'import')),
  ADD COLUMN import_id text,
  ADD CHECK ((source = 'import') = (import_id IS NOT NULL));
CREATE UNIQUE INDEX inspections_import ON inspections (city_code, import_id)
  WHERE import_id IS NOT NULL;
COMMENT ON COLUMN inspections.source IS 'platform: recorded by the station through POST /inspections; import: history of the legacy platform (POST /imports/inspections).';
COMMENT ON COLUMN inspections.import_id IS 'The legacy platform''s id of an imported inspection; unique per city, null for inspections recorded here.';
COMMENT ON INDEX inspections_import IS 'One imported inspection per legacy id and city: a repeated line is refused as already imported.';
