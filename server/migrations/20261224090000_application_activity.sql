-- The pipeline's business per outlet and Beijing day, with running counts per quarter of an hour,
-- kept for days that are over (docs/BENCHMARKS.md, "Bulletins from closed days"). A bulletin
-- grouped every application of its period: on the city-year a month took 2.0 s and the year
-- 14 s, reading the whole table. Keeping the summary at each application's commit cost the write path 10-15 %
-- (20261214090000_business_days.sql), so it is not kept there: a day is summarised once it is
-- over (by the nightly job, or by the first read that needs it), and a change to one of its
-- applications afterwards marks its summary stale, so the next read summarises it again.
--
-- Why this is exact: the applications that change after their day is summarised are few (an
-- accepted one completed, refused or expired later; history written into the past by tests).
-- Every such change bumps the day's `version` (the triggers below, in the changing transaction);
-- a summary records the version it saw, read in the same statement (one snapshot) as the rows it
-- grouped. A change committed before that snapshot is in the summary; one committed after it
-- leaves the versions unequal, and the summary is not used. New business is submitted now: its
-- day is not summarised yet (only days that ended two days ago are), so the triggers' conditions
-- skip it and the write path pays nothing but the check.

CREATE TABLE application_activity_days (
  city_code     text NOT NULL,
  day           date NOT NULL,
  version       bigint NOT NULL DEFAULT 0,
  built_version bigint,
  PRIMARY KEY (city_code, day)
);
COMMENT ON TABLE application_activity_days IS 'Per city and Beijing day: how often its applications changed after the day was over (version), and which version application_activity holds (built_version; null: none). The summary is used only when the two are equal.';
COMMENT ON COLUMN application_activity_days.city_code IS 'The city of the applications.';
COMMENT ON COLUMN application_activity_days.day IS 'The Beijing day of submission.';
COMMENT ON COLUMN application_activity_days.version IS 'Bumped by application_activity_touch for every change to an application of the day made a day or more after it was submitted.';
COMMENT ON COLUMN application_activity_days.built_version IS 'The version seen when the day''s rows in application_activity were grouped, in the same snapshot.';

-- One row per outlet and day, as legacy_application_days keeps the legacy history: a year of a
-- city is about 150,000 rows, and a band of quarters of an hour is the difference of two running
-- counts (`upto`, see quarters_upto), so a read sums whole days, never quarters.
CREATE TABLE application_activity (
  city_code   text NOT NULL,
  day         date NOT NULL,
  outlet_code text NOT NULL,
  county_code text NOT NULL,
  n           int NOT NULL,
  completed   int NOT NULL,
  refused     int NOT NULL,
  upto        int[] NOT NULL,
  PRIMARY KEY (city_code, day, outlet_code, county_code)
);
COMMENT ON TABLE application_activity IS 'The applications of a closed Beijing day per outlet: what bulletins read instead of the applications themselves (valid when application_activity_days.built_version = version).';
COMMENT ON COLUMN application_activity.city_code IS 'The city of the applications.';
COMMENT ON COLUMN application_activity.day IS 'The Beijing day of submission.';
COMMENT ON COLUMN application_activity.outlet_code IS 'The outlet that took them.';
COMMENT ON COLUMN application_activity.county_code IS 'The county they were counted in (applications.county_code).';
COMMENT ON COLUMN application_activity.n IS 'How many, whatever their status.';
COMMENT ON COLUMN application_activity.completed IS 'Of them, completed when the day was summarised.';
COMMENT ON COLUMN application_activity.refused IS 'Of them, refused when the day was summarised.';
COMMENT ON COLUMN application_activity.upto IS 'upto[k]: applications of the quarters of an hour before quarter k (k = 1-96, Beijing time).';

-- Bumps the version of the day(s) a changed application belongs to. Only called for changes to
-- applications submitted a day or more before the changing transaction began (the triggers'
-- WHEN): a day is summarised two days after it ends, so every change to a summarised day is seen
-- unless its transaction ran for more than a day.
CREATE FUNCTION application_activity_touch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  days date[] := '{}';
  cities text[] := '{}';
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    days := days || beijing_day(OLD.submitted_at);
    cities := cities || OLD.city_code;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    days := days || beijing_day(NEW.submitted_at);
    cities := cities || NEW.city_code;
  END IF;
  INSERT INTO application_activity_days AS d (city_code, day, version)
  SELECT DISTINCT c, t, 1 FROM unnest(cities, days) AS u (c, t)
  ON CONFLICT (city_code, day) DO UPDATE SET version = d.version + 1;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION application_activity_touch() IS 'Marks the summary of the Beijing day of a changed application stale (bumps application_activity_days.version).';

CREATE TRIGGER application_activity_inserted AFTER INSERT ON applications
  FOR EACH ROW WHEN (NEW.submitted_at < now() - interval '1 day')
  EXECUTE FUNCTION application_activity_touch();
CREATE TRIGGER application_activity_changed
  AFTER UPDATE OF city_code, outlet_code, county_code, status, submitted_at ON applications
  FOR EACH ROW WHEN (
    (OLD.submitted_at < now() - interval '1 day' OR NEW.submitted_at < now() - interval '1 day')
    AND (OLD.city_code, OLD.outlet_code, OLD.county_code, OLD.status, OLD.submitted_at)
        IS DISTINCT FROM (NEW.city_code, NEW.outlet_code, NEW.county_code, NEW.status, NEW.submitted_at))
  EXECUTE FUNCTION application_activity_touch();
CREATE TRIGGER application_activity_deleted AFTER DELETE ON applications
  FOR EACH ROW WHEN (OLD.submitted_at < now() - interval '1 day')
  EXECUTE FUNCTION application_activity_touch();
COMMENT ON TRIGGER application_activity_inserted ON applications IS 'An application written into a past day marks that day''s summary stale.';
COMMENT ON TRIGGER application_activity_changed ON applications IS 'A past application whose status, outlet or time changed marks its day''s summary stale.';
COMMENT ON TRIGGER application_activity_deleted ON applications IS 'A past application removed marks its day''s summary stale.';

-- TRUNCATE fires no row trigger: it drops every summary.
CREATE FUNCTION application_activity_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM application_activity;
  UPDATE application_activity_days SET built_version = NULL WHERE built_version IS NOT NULL;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION application_activity_clear() IS 'Drops every summary of application_activity (after TRUNCATE applications).';
CREATE TRIGGER application_activity_truncated AFTER TRUNCATE ON applications
  FOR EACH STATEMENT EXECUTE FUNCTION application_activity_clear();
COMMENT ON TRIGGER application_activity_truncated ON applications IS 'TRUNCATE applications drops every summary of application_activity.';
