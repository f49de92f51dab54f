-- Repeated business of one subject, kept as the rows are written (issue 10's speed goal,
-- docs/BENCHMARKS.md). The frequent-reissue, -transfer and -move rules (R164 §74, R162 §83) look
-- for a vehicle or person with more than a policy's count of completed business of a kind within
-- a policy's window (at most 1 095 days: the policy value's schema). A run counted every subject
-- of the window; it now reads only the candidates: completed business of those kinds whose
-- subject has other such business within 1 095 days. Any subject a run can flag has at least two
-- items within its window, so each of them is a candidate, and the run counts the candidates
-- exactly as it counted the rows.

CREATE FUNCTION repeat_business_type(business_type text) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  -- The types of supervision's repeat kinds (server/src/supervision/sources.ts, REPEATS; a test
  -- keeps the two lists together): reissues, transfers, change registrations (moves).
  SELECT business_type = ANY (ARRAY['vehicle.licence-reissue', 'vehicle.certificate-reissue',
    'vehicle.plate-reissue', 'licence.reissue', 'vehicle.transfer', 'vehicle.change'])
$$;
COMMENT ON FUNCTION repeat_business_type(text) IS 'Whether a business type is one supervision counts repeats of (reissue, transfer, change registration).';

CREATE FUNCTION application_subject(business_type text, data jsonb, applicant text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN business_type LIKE 'licence.%' THEN applicant
              ELSE coalesce(data ->> 'plate', data ->> 'vin') END
$$;
COMMENT ON FUNCTION application_subject(text, jsonb, text) IS 'The subject of an application for repeat counting: the applicant for licence business, else the vehicle (plate, or VIN).';

CREATE FUNCTION legacy_subject(business_type text, plate text, applicant text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  -- A legacy line of vehicle business without a plate counts for its applicant, the owner.
  SELECT CASE WHEN business_type LIKE 'licence.%' THEN applicant ELSE coalesce(plate, applicant) END
$$;
COMMENT ON FUNCTION legacy_subject(text, text, text) IS 'The subject of a legacy business line for repeat counting: the applicant for licence business, else the plate (or, without one, the applicant).';

CREATE TABLE application_repeats (
  city_code     text NOT NULL,
  -- text: the legacy table (LIKE this one) keeps the old platform's own ids.
  id            text NOT NULL,
  subject       text NOT NULL,
  business_type text NOT NULL,
  change        text,
  outlet_code   text NOT NULL,
  county_code   text NOT NULL,
  submitted_at  timestamptz NOT NULL,
  PRIMARY KEY (city_code, id)
);
CREATE INDEX application_repeats_subject ON application_repeats (city_code, subject);
CREATE INDEX application_repeats_time ON application_repeats (city_code, submitted_at);
COMMENT ON TABLE application_repeats IS 'Completed applications of a repeat kind whose subject has another within 1 095 days (kept by the trigger application_repeats_keep): what the frequent-business rules read.';
COMMENT ON COLUMN application_repeats.city_code IS 'The city of the application.';
COMMENT ON COLUMN application_repeats.id IS 'The application (applications.id, as text).';
COMMENT ON COLUMN application_repeats.subject IS 'Its subject (application_subject): plate or VIN, or the applicant for licence business.';
COMMENT ON COLUMN application_repeats.business_type IS 'Its business type.';
COMMENT ON COLUMN application_repeats.change IS 'For a change registration, what it changed (data.change); else null.';
COMMENT ON COLUMN application_repeats.outlet_code IS 'The accepting outlet.';
COMMENT ON COLUMN application_repeats.county_code IS 'The county of the accepting outlet.';
COMMENT ON COLUMN application_repeats.submitted_at IS 'When it was submitted.';

CREATE TABLE legacy_application_repeats (LIKE application_repeats INCLUDING ALL);
COMMENT ON TABLE legacy_application_repeats IS 'Completed legacy business of a repeat kind whose subject has another within 1 095 days (kept by the trigger legacy_application_repeats_keep): what the frequent-business rules read.';
COMMENT ON COLUMN legacy_application_repeats.city_code IS 'The city of the business.';
COMMENT ON COLUMN legacy_application_repeats.id IS 'The business line (legacy_applications.id).';
COMMENT ON COLUMN legacy_application_repeats.subject IS 'Its subject (legacy_subject).';
COMMENT ON COLUMN legacy_application_repeats.business_type IS 'Its business type.';
COMMENT ON COLUMN legacy_application_repeats.change IS 'Always null: the legacy history does not say what a change registration changed.';
COMMENT ON COLUMN legacy_application_repeats.outlet_code IS 'The outlet that did it.';
COMMENT ON COLUMN legacy_application_repeats.county_code IS 'Its county.';
COMMENT ON COLUMN legacy_application_repeats.submitted_at IS 'When it was submitted.';

-- Each subject's completed business of the repeat kinds, found through its subject.
CREATE INDEX applications_repeat_subject
  ON applications (city_code, application_subject(business_type, data, applicant_id_number))
  WHERE status = 'completed' AND repeat_business_type(business_type);
COMMENT ON INDEX applications_repeat_subject IS 'Completed applications of the repeat kinds by subject: application_repeats is recomputed per subject.';
CREATE INDEX legacy_applications_repeat_subject
  ON legacy_applications (city_code, legacy_subject(business_type, plate, applicant_id_number))
  WHERE status = 'completed' AND repeat_business_type(business_type);
COMMENT ON INDEX legacy_applications_repeat_subject IS 'Completed legacy business of the repeat kinds by subject: legacy_application_repeats is recomputed per subject.';

-- The completed business of the repeat kinds, with its subject: what the candidates are drawn
-- from (a filter on the subject reaches the indexes above).
CREATE VIEW application_repeat_items AS
  SELECT city_code, id, application_subject(business_type, data, applicant_id_number) AS subject,
         business_type, CASE WHEN business_type = 'vehicle.change' THEN data ->> 'change' END AS change,
         outlet_code, county_code, submitted_at
    FROM applications WHERE status = 'completed' AND repeat_business_type(business_type);
COMMENT ON VIEW application_repeat_items IS 'Completed applications of the repeat kinds, with their subjects (application_repeats is drawn from it).';
CREATE VIEW legacy_application_repeat_items AS
  SELECT city_code, id, legacy_subject(business_type, plate, applicant_id_number) AS subject,
         business_type, NULL::text AS change, outlet_code, county_code, submitted_at
    FROM legacy_applications WHERE status = 'completed' AND repeat_business_type(business_type);
COMMENT ON VIEW legacy_application_repeat_items IS 'Completed legacy business of the repeat kinds, with its subjects (legacy_application_repeats is drawn from it).';

-- The candidates of some subjects of a city (every subject when null), recomputed from the
-- rows: an item is one when the subject's previous or next item is within 1 095 days. The
-- subjects go into the statement as a constant: one subject (the pipeline's case) is found
-- through the indexes above, a batch's thousands are hashed; a join with the array as a
-- parameter was planned as a nested loop over every row of the city for each subject.
CREATE FUNCTION business_repeats_refresh(kept text, items text, city text, subjects text[])
  RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  which text := CASE WHEN subjects IS NULL THEN ''
                     ELSE format(' AND subject = ANY (%L::text[])', subjects) END;
BEGIN
  EXECUTE format('DELETE FROM %I WHERE city_code = $1%s', kept, which) USING city;
  EXECUTE format($q$
    INSERT INTO %I (city_code, id, subject, business_type, change, outlet_code, county_code,
                    submitted_at)
    SELECT city_code, id, subject, business_type, change, outlet_code, county_code, submitted_at
      FROM (SELECT i.*, lag(submitted_at) OVER w AS previous, lead(submitted_at) OVER w AS next
              FROM %I i WHERE city_code = $1 AND subject IS NOT NULL%s
            WINDOW w AS (PARTITION BY subject ORDER BY submitted_at, id)) r
     WHERE submitted_at - previous <= interval '1095 days'
        OR next - submitted_at <= interval '1095 days'$q$, kept, items, which) USING city;
END $$;
COMMENT ON FUNCTION business_repeats_refresh(text, text, text, text[]) IS 'Recomputes a repeat-candidate table (application_repeats from application_repeat_items, or the legacy pair) for some subjects of a city, or every subject when null.';

-- The pipeline: at commit, per application, under a lock on its subject, so that two
-- applications of one subject committed at once both see each other (the second's refresh
-- runs after the first has committed).
CREATE FUNCTION application_repeats_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  subjects text[];
  s text;
BEGIN
  -- The subject before and after (once when the same), in order: the locks in one order.
  SELECT coalesce(array_agg(DISTINCT x ORDER BY x), '{}') INTO subjects
    FROM unnest(ARRAY[
      CASE WHEN TG_OP <> 'INSERT' THEN application_subject(OLD.business_type, OLD.data, OLD.applicant_id_number) END,
      CASE WHEN TG_OP <> 'DELETE' THEN application_subject(NEW.business_type, NEW.data, NEW.applicant_id_number) END
    ]) AS x WHERE x IS NOT NULL;
  FOREACH s IN ARRAY subjects LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('repeats ' || coalesce(NEW.city_code, OLD.city_code) || ' ' || s, 0));
  END LOOP;
  PERFORM business_repeats_refresh('application_repeats', 'application_repeat_items',
                                   coalesce(NEW.city_code, OLD.city_code), subjects);
  RETURN NULL;
END $$;
COMMENT ON FUNCTION application_repeats_keep() IS 'Keeps application_repeats as applications of the repeat kinds are written.';

CREATE CONSTRAINT TRIGGER application_repeats_keep AFTER INSERT ON applications
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.status = 'completed' AND repeat_business_type(NEW.business_type))
  EXECUTE FUNCTION application_repeats_keep();
COMMENT ON TRIGGER application_repeats_keep ON applications IS 'A completed application of a repeat kind: its subject''s candidates recomputed at commit.';
CREATE CONSTRAINT TRIGGER application_repeats_change AFTER UPDATE ON applications
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD.status = 'completed' AND repeat_business_type(OLD.business_type)
         OR NEW.status = 'completed' AND repeat_business_type(NEW.business_type))
        AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.data IS DISTINCT FROM NEW.data
             OR OLD.business_type IS DISTINCT FROM NEW.business_type
             OR OLD.applicant_id_number IS DISTINCT FROM NEW.applicant_id_number
             OR OLD.outlet_code IS DISTINCT FROM NEW.outlet_code
             OR OLD.submitted_at IS DISTINCT FROM NEW.submitted_at))
  EXECUTE FUNCTION application_repeats_keep();
COMMENT ON TRIGGER application_repeats_change ON applications IS 'An application of a repeat kind completed, or changed where the candidates look: its subjects recomputed at commit.';
CREATE CONSTRAINT TRIGGER application_repeats_remove AFTER DELETE ON applications
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.status = 'completed' AND repeat_business_type(OLD.business_type))
  EXECUTE FUNCTION application_repeats_keep();
COMMENT ON TRIGGER application_repeats_remove ON applications IS 'A removed application of a repeat kind: its subject recomputed at commit.';

-- The legacy history: per import statement, the subjects it touched, recomputed at once; one
-- lock per city serialises concurrent imports' recomputations (imports are batches).
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
    PERFORM business_repeats_refresh('legacy_application_repeats', 'legacy_application_repeat_items',
                                     change.city_code, array_remove(change.subjects, NULL));
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

-- The business already written.
SELECT business_repeats_refresh('application_repeats', 'application_repeat_items', city_code, NULL),
       business_repeats_refresh('legacy_application_repeats', 'legacy_application_repeat_items',
                                city_code, NULL)
  FROM jurisdictions;
