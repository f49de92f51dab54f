-- Repeated business of one subject in the legacy history, kept as it is imported (issue 10's
-- speed goal, docs/BENCHMARKS.md). The frequent-reissue, -transfer and -move rules (R164 §74, R162 §83) look
-- for a vehicle or person with more than a policy's count of completed business of a kind within
-- a policy's window (at most 1 095 days: the policy value's schema). A run counted every subject
-- of the window; over the legacy history it now reads only the candidates: completed business of
-- those kinds whose subject has other such business within 1 095 days. Any subject a run can flag
-- has at least two items within its window, so each of them is a candidate, and the run counts
-- the candidates exactly as it counted the rows. The pipeline's own applications are still
-- counted from their rows: keeping candidates at each application's commit (a subject's items
-- recomputed under a lock on it) took 15-40 % of the pipeline's throughput on 行驶证 reissues
-- (docs/BENCHMARKS.md), while the history comes in batches where it costs little.

CREATE FUNCTION repeat_business_type(business_type text) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  -- The types of supervision's repeat kinds (server/src/supervision/sources.ts, REPEATS; a test
  -- keeps the two lists together): reissues, transfers, change registrations (moves).
  SELECT business_type = ANY (ARRAY['vehicle.licence-reissue', 'vehicle.certificate-reissue',
    'vehicle.plate-reissue', 'licence.reissue', 'vehicle.transfer', 'vehicle.change'])
$$;
COMMENT ON FUNCTION repeat_business_type(text) IS 'Whether a business type is one supervision counts repeats of (reissue, transfer, change registration).';

CREATE FUNCTION legacy_subject(business_type text, plate text, applicant text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  -- A legacy line of vehicle business without a plate counts for its applicant, the owner.
  SELECT CASE WHEN business_type LIKE 'licence.%' THEN applicant ELSE coalesce(plate, applicant) END
$$;
COMMENT ON FUNCTION legacy_subject(text, text, text) IS 'The subject of a legacy business line for repeat counting: the applicant for licence business, else the plate (or, without one, the applicant).';

CREATE TABLE legacy_application_repeats (
  city_code     text NOT NULL,
  id            text NOT NULL,
  subject       text NOT NULL,
  business_type text NOT NULL,
  outlet_code   text NOT NULL,
  county_code   text NOT NULL,
  submitted_at  timestamptz NOT NULL,
  PRIMARY KEY (city_code, id)
);
CREATE INDEX legacy_application_repeats_subject ON legacy_application_repeats (city_code, subject);
CREATE INDEX legacy_application_repeats_time ON legacy_application_repeats (city_code, submitted_at);
COMMENT ON TABLE legacy_application_repeats IS 'Completed legacy business of a repeat kind whose subject has another within 1 095 days (kept by the trigger legacy_application_repeats_keep): what the frequent-business rules read.';
COMMENT ON COLUMN legacy_application_repeats.city_code IS 'The city of the business.';
COMMENT ON COLUMN legacy_application_repeats.id IS 'The business line (legacy_applications.id).';
COMMENT ON COLUMN legacy_application_repeats.subject IS 'Its subject (legacy_subject).';
COMMENT ON COLUMN legacy_application_repeats.business_type IS 'Its business type.';
COMMENT ON COLUMN legacy_application_repeats.outlet_code IS 'The outlet that did it.';
COMMENT ON COLUMN legacy_application_repeats.county_code IS 'Its county.';
COMMENT ON COLUMN legacy_application_repeats.submitted_at IS 'When it was submitted.';

-- Each subject's completed business of the repeat kinds, found through its subject.
CREATE INDEX legacy_applications_repeat_subject
  ON legacy_applications (city_code, legacy_subject(business_type, plate, applicant_id_number))
  WHERE status = 'completed' AND repeat_business_type(business_type);
COMMENT ON INDEX legacy_applications_repeat_subject IS 'Completed legacy business of the repeat kinds by subject: legacy_application_repeats is recomputed per subject.';

-- The candidates of some subjects of a city (every subject when null), recomputed from the
-- rows: an item is one when the subject's previous or next item is within 1 095 days. The
-- subjects go into the statement as a constant, so that a few are found through the index above
-- and a batch's thousands are hashed: a join with the array as a parameter was planned as a
-- nested loop over every row of the city for each subject.
CREATE FUNCTION legacy_application_repeats_refresh(city text, subjects text[]) RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  which text := CASE WHEN subjects IS NULL THEN ''
                     ELSE format(' AND subject = ANY (%L::text[])', subjects) END;
BEGIN
  EXECUTE 'DELETE FROM legacy_application_repeats WHERE city_code = $1' || which USING city;
  EXECUTE $q$
    INSERT INTO legacy_application_repeats (city_code, id, subject, business_type, outlet_code,
                                            county_code, submitted_at)
    SELECT city_code, id, subject, business_type, outlet_code, county_code, submitted_at
      FROM (SELECT l.*, lag(submitted_at) OVER w AS previous, lead(submitted_at) OVER w AS next
              FROM (SELECT city_code, id,
                           legacy_subject(business_type, plate, applicant_id_number) AS subject,
                           business_type, outlet_code, county_code, submitted_at
                      FROM legacy_applications
                     WHERE status = 'completed' AND repeat_business_type(business_type)) l
             WHERE city_code = $1 AND subject IS NOT NULL$q$ || which || $q$
            WINDOW w AS (PARTITION BY subject ORDER BY submitted_at, id)) r
     WHERE submitted_at - previous <= interval '1095 days'
        OR next - submitted_at <= interval '1095 days'$q$ USING city;
END $$;
COMMENT ON FUNCTION legacy_application_repeats_refresh(text, text[]) IS 'Recomputes legacy_application_repeats for some subjects of a city, or every subject when null.';

-- Per import statement, the subjects it touched, recomputed at once; one lock per city
-- serialises concurrent imports' recomputations (imports are batches), held until the import
-- commits so that each sees the other's rows.
CREATE FUNCTION legacy_application_repeats_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  change record;
BEGIN
  FOR change IN EXECUTE format(
    'SELECT city_code, array_agg(DISTINCT subject) AS subjects FROM (%s) c GROUP BY city_code ORDER BY city_code',
    concat_ws(' UNION ALL ',
      CASE WHEN TG_OP <> 'INSERT' THEN
        'SELECT city_code, legacy_subject(business_type, plate, applicant_id_number) AS subject FROM old_rows
          WHERE status = ''completed'' AND repeat_business_type(business_type)' END,
      CASE WHEN TG_OP <> 'DELETE' THEN
        'SELECT city_code, legacy_subject(business_type, plate, applicant_id_number) AS subject FROM new_rows
          WHERE status = ''completed'' AND repeat_business_type(business_type)' END))
  LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('legacy repeats ' || change.city_code, 0));
    PERFORM legacy_application_repeats_refresh(change.city_code, array_remove(change.subjects, NULL));
  END LOOP;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION legacy_application_repeats_keep() IS 'Keeps legacy_application_repeats as legacy business is imported (or changed, or removed), per statement.';

CREATE TRIGGER legacy_application_repeats_insert AFTER INSERT ON legacy_applications
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION legacy_application_repeats_keep();
COMMENT ON TRIGGER legacy_application_repeats_insert ON legacy_applications IS 'Imported business''s subjects recomputed in legacy_application_repeats.';
CREATE TRIGGER legacy_application_repeats_update AFTER UPDATE ON legacy_applications
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION legacy_application_repeats_keep();
COMMENT ON TRIGGER legacy_application_repeats_update ON legacy_applications IS 'Changed legacy business''s subjects recomputed in legacy_application_repeats.';
CREATE TRIGGER legacy_application_repeats_delete AFTER DELETE ON legacy_applications
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION legacy_application_repeats_keep();
COMMENT ON TRIGGER legacy_application_repeats_delete ON legacy_applications IS 'Removed legacy business''s subjects recomputed in legacy_application_repeats.';

-- The business already imported.
SELECT legacy_application_repeats_refresh(city_code, NULL) FROM jurisdictions;
