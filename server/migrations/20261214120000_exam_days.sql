-- Exam results per examiner and per exam site, subject and Beijing day, kept as they are
-- recorded (issue 10's speed goal, docs/BENCHMARKS.md). A supervision run summarised every
-- result of its baseline and period four times with ordered aggregates (the CUSUM reads each
-- unit's outcomes in time order). It now reads one row per unit, subject and day, whose outcomes
-- are already in order; an examiner's row also keeps each result's site, duration, face-match
-- override and id in the same order for the rules that single some out.

CREATE TABLE exam_examiner_days (
  city_code    text NOT NULL,
  day          date NOT NULL,
  examiner_id  text NOT NULL,
  subject      smallint NOT NULL,
  first_at     timestamptz NOT NULL,
  first_site   text NOT NULL,
  n            int NOT NULL,
  passes       int NOT NULL,
  outcomes     text NOT NULL,
  overrides    text NOT NULL,
  site_codes   text[] NOT NULL,
  seconds      float8[] NOT NULL,
  ids          text[] NOT NULL,
  PRIMARY KEY (city_code, day, examiner_id, subject)
);
COMMENT ON TABLE exam_examiner_days IS 'Exam results per examiner, subject and Beijing day of finishing (kept by the trigger exam_days_keep): what supervision reads instead of every result.';
COMMENT ON COLUMN exam_examiner_days.city_code IS 'The city of the results.';
COMMENT ON COLUMN exam_examiner_days.day IS 'The Beijing day they finished on.';
COMMENT ON COLUMN exam_examiner_days.examiner_id IS 'The examiner.';
COMMENT ON COLUMN exam_examiner_days.subject IS 'The exam subject (1–4).';
COMMENT ON COLUMN exam_examiner_days.first_at IS 'When the day''s first of them finished.';
COMMENT ON COLUMN exam_examiner_days.first_site IS 'The exam site of the day''s first of them.';
COMMENT ON COLUMN exam_examiner_days.n IS 'Results that day.';
COMMENT ON COLUMN exam_examiner_days.passes IS 'Of them, those passed.';
COMMENT ON COLUMN exam_examiner_days.outcomes IS 'One character per result in order of (finished_at, id): 1 passed, 0 not.';
COMMENT ON COLUMN exam_examiner_days.overrides IS 'One character per result, same order: 1 passed without a face match (face_match other than pass).';
COMMENT ON COLUMN exam_examiner_days.site_codes IS 'Each result''s exam site, same order.';
COMMENT ON COLUMN exam_examiner_days.seconds IS 'Each result''s duration in seconds, same order.';
COMMENT ON COLUMN exam_examiner_days.ids IS 'Each result''s id, same order.';

CREATE TABLE exam_site_days (
  city_code      text NOT NULL,
  day            date NOT NULL,
  exam_site_code text NOT NULL,
  subject        smallint NOT NULL,
  first_at       timestamptz NOT NULL,
  n              int NOT NULL,
  passes         int NOT NULL,
  outcomes       text NOT NULL,
  PRIMARY KEY (city_code, day, exam_site_code, subject)
);
COMMENT ON TABLE exam_site_days IS 'Exam results per exam site, subject and Beijing day of finishing (kept by the trigger exam_days_keep): what supervision reads instead of every result.';
COMMENT ON COLUMN exam_site_days.city_code IS 'The city of the results.';
COMMENT ON COLUMN exam_site_days.day IS 'The Beijing day they finished on.';
COMMENT ON COLUMN exam_site_days.exam_site_code IS 'The exam site.';
COMMENT ON COLUMN exam_site_days.subject IS 'The exam subject (1–4).';
COMMENT ON COLUMN exam_site_days.first_at IS 'When the day''s first of them finished.';
COMMENT ON COLUMN exam_site_days.n IS 'Results that day.';
COMMENT ON COLUMN exam_site_days.passes IS 'Of them, those passed.';
COMMENT ON COLUMN exam_site_days.outcomes IS 'One character per result in order of (finished_at, id): 1 passed, 0 not.';

-- A unit's results of a day, found by the time they finished.
CREATE INDEX exam_results_examiner_finished ON exam_results (city_code, examiner_id, finished_at);
COMMENT ON INDEX exam_results_examiner_finished IS 'An examiner''s results by the time they finished: exam_examiner_days is recomputed per examiner and day.';
CREATE INDEX exam_results_site_finished ON exam_results (city_code, exam_site_code, finished_at);
COMMENT ON INDEX exam_results_site_finished IS 'An exam site''s results by the time they finished: exam_site_days is recomputed per site and day.';

-- Some examiner-days and site-days of a city recomputed from the results (keys: [{unit, day}]).
CREATE FUNCTION exam_days_refresh(city text, examiner_keys jsonb, site_keys jsonb) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM exam_examiner_days d
   USING jsonb_to_recordset(examiner_keys) AS k (unit text, day date)
   WHERE d.city_code = city AND d.examiner_id = k.unit AND d.day = k.day;
  INSERT INTO exam_examiner_days (city_code, day, examiner_id, subject, first_at, first_site, n,
                                  passes, outcomes, overrides, site_codes, seconds, ids)
  SELECT city, k.day, k.unit, r.subject, min(r.finished_at),
         (array_agg(r.exam_site_code ORDER BY r.finished_at, r.id))[1], count(*),
         count(*) FILTER (WHERE r.passed),
         string_agg(CASE WHEN r.passed THEN '1' ELSE '0' END, '' ORDER BY r.finished_at, r.id),
         string_agg(CASE WHEN r.passed AND r.face_match <> 'pass' THEN '1' ELSE '0' END, ''
                    ORDER BY r.finished_at, r.id),
         array_agg(r.exam_site_code ORDER BY r.finished_at, r.id),
         array_agg(date_part('epoch', r.finished_at - r.started_at) ORDER BY r.finished_at, r.id),
         array_agg(r.id::text ORDER BY r.finished_at, r.id)
    FROM jsonb_to_recordset(examiner_keys) AS k (unit text, day date)
    JOIN exam_results r
      ON r.city_code = city AND r.examiner_id = k.unit
     AND r.finished_at >= k.day::timestamp AT TIME ZONE 'Asia/Shanghai'
     AND r.finished_at < (k.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
   GROUP BY k.day, k.unit, r.subject;

  DELETE FROM exam_site_days d
   USING jsonb_to_recordset(site_keys) AS k (unit text, day date)
   WHERE d.city_code = city AND d.exam_site_code = k.unit AND d.day = k.day;
  INSERT INTO exam_site_days (city_code, day, exam_site_code, subject, first_at, n, passes,
                              outcomes)
  SELECT city, k.day, k.unit, r.subject, min(r.finished_at), count(*),
         count(*) FILTER (WHERE r.passed),
         string_agg(CASE WHEN r.passed THEN '1' ELSE '0' END, '' ORDER BY r.finished_at, r.id)
    FROM jsonb_to_recordset(site_keys) AS k (unit text, day date)
    JOIN exam_results r
      ON r.city_code = city AND r.exam_site_code = k.unit
     AND r.finished_at >= k.day::timestamp AT TIME ZONE 'Asia/Shanghai'
     AND r.finished_at < (k.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
   GROUP BY k.day, k.unit, r.subject;
END $$;
COMMENT ON FUNCTION exam_days_refresh(text, jsonb, jsonb) IS 'Recomputes some examiner-days and site-days of exam_examiner_days and exam_site_days.';

-- Per statement, the examiner-days and site-days it touched, under a lock per exam site and
-- per examiner (in one order) held until the recording commits: results of one site or
-- examiner at once are summarised one after another, each seeing the other's.
CREATE FUNCTION exam_days_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched record;
BEGIN
  FOR touched IN
    SELECT city_code,
           jsonb_agg(DISTINCT jsonb_build_object('unit', examiner_id, 'day', day)) AS examiner_keys,
           jsonb_agg(DISTINCT jsonb_build_object('unit', exam_site_code, 'day', day)) AS site_keys,
           array_agg(DISTINCT 'site ' || exam_site_code) || array_agg(DISTINCT 'examiner ' || examiner_id) AS units
      FROM (SELECT city_code, examiner_id, exam_site_code, beijing_day(finished_at) AS day
              FROM new_rows) r
     GROUP BY city_code ORDER BY city_code
  LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('exam days ' || touched.city_code || ' ' || u, 0))
       FROM unnest(touched.units) AS u ORDER BY u;
    PERFORM exam_days_refresh(touched.city_code, touched.examiner_keys, touched.site_keys);
  END LOOP;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION exam_days_keep() IS 'Keeps exam_examiner_days and exam_site_days as results are recorded (results are never changed or removed).';

CREATE TRIGGER exam_days_keep AFTER INSERT ON exam_results
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION exam_days_keep();
COMMENT ON TRIGGER exam_days_keep ON exam_results IS 'Each statement''s new results: their examiner-days and site-days recomputed.';

-- Every examiner-day and site-day of every city: the first fill below, and the scale generator
-- after its COPY (which runs with the trigger off: without the indexes each day would be a scan).
CREATE FUNCTION exam_days_rebuild() RETURNS void LANGUAGE sql AS $$
  SELECT exam_days_refresh(city_code, examiner_keys, site_keys)
    FROM (SELECT city_code,
                 jsonb_agg(DISTINCT jsonb_build_object('unit', examiner_id, 'day', beijing_day(finished_at))) AS examiner_keys,
                 jsonb_agg(DISTINCT jsonb_build_object('unit', exam_site_code, 'day', beijing_day(finished_at))) AS site_keys
            FROM exam_results GROUP BY city_code) t;
$$;
COMMENT ON FUNCTION exam_days_rebuild() IS 'Recomputes every examiner-day and site-day of exam_examiner_days and exam_site_days.';
SELECT exam_days_rebuild();
