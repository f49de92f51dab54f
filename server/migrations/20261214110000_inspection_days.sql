-- Inspections per station and Beijing day, kept as they are recorded (issue 10's speed goal,
-- docs/BENCHMARKS.md). A supervision run summarised every inspection of its baseline and period
-- per station with ordered aggregates (the CUSUM reads each station's outcomes in time order),
-- which PostgreSQL sorts group by group. It now reads one row per station and day, whose
-- outcomes are already in order, with each inspection's duration, start and report number in
-- the same order for the rules that single some out (too short, started while closed).

CREATE TABLE inspection_days (
  city_code      text NOT NULL,
  day            date NOT NULL,
  station_code   text NOT NULL,
  first_at       timestamptz NOT NULL,
  first_county   text NOT NULL,
  n              int NOT NULL,
  passes         int NOT NULL,
  outcomes       text NOT NULL,
  seconds        float8[] NOT NULL,
  start_quarters int[] NOT NULL,
  report_nos     text[] NOT NULL,
  PRIMARY KEY (city_code, day, station_code)
);
COMMENT ON TABLE inspection_days IS 'Inspections per station and Beijing day of finishing (kept by the trigger inspection_days_keep): what supervision reads instead of every inspection.';
COMMENT ON COLUMN inspection_days.city_code IS 'The city of the inspections.';
COMMENT ON COLUMN inspection_days.day IS 'The Beijing day they finished on.';
COMMENT ON COLUMN inspection_days.station_code IS 'The inspection station (inspections.outlet_code).';
COMMENT ON COLUMN inspection_days.first_at IS 'When the day''s first inspection finished.';
COMMENT ON COLUMN inspection_days.first_county IS 'The county of the day''s first inspection.';
COMMENT ON COLUMN inspection_days.n IS 'Inspections finished that day.';
COMMENT ON COLUMN inspection_days.passes IS 'Of them, those passed.';
COMMENT ON COLUMN inspection_days.outcomes IS 'One character per inspection in order of (finished_at, id): 1 passed, 0 failed.';
COMMENT ON COLUMN inspection_days.seconds IS 'Each inspection''s duration in seconds, in the same order.';
COMMENT ON COLUMN inspection_days.start_quarters IS 'Each inspection''s start in quarters of an hour from the day''s Beijing midnight (negative: it started the day before), in the same order.';
COMMENT ON COLUMN inspection_days.report_nos IS 'Each inspection''s report number, in the same order.';

-- The days of some stations (every day of every station when null), recomputed from the
-- inspections through inspections_station.
CREATE FUNCTION inspection_days_refresh(city text, keys jsonb) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM inspection_days d
   USING jsonb_to_recordset(keys) AS k (station_code text, day date)
   WHERE d.city_code = city AND d.station_code = k.station_code AND d.day = k.day;
  INSERT INTO inspection_days (city_code, day, station_code, first_at, first_county, n, passes,
                               outcomes, seconds, start_quarters, report_nos)
  SELECT city, k.day, k.station_code, min(i.finished_at),
         (array_agg(i.county_code ORDER BY i.finished_at, i.id))[1], count(*),
         count(*) FILTER (WHERE i.result = 'pass'),
         string_agg(CASE i.result WHEN 'pass' THEN '1' ELSE '0' END, '' ORDER BY i.finished_at, i.id),
         array_agg(date_part('epoch', i.finished_at - i.started_at) ORDER BY i.finished_at, i.id),
         array_agg((floor((date_part('epoch', i.started_at) + 28800) / 900)
                    - (k.day - date '1970-01-01') * 96)::int ORDER BY i.finished_at, i.id),
         array_agg(i.report_no ORDER BY i.finished_at, i.id)
    FROM jsonb_to_recordset(keys) AS k (station_code text, day date)
    JOIN inspections i
      ON i.city_code = city AND i.outlet_code = k.station_code
     AND i.finished_at >= k.day::timestamp AT TIME ZONE 'Asia/Shanghai'
     AND i.finished_at < (k.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
   GROUP BY k.day, k.station_code;
END $$;
COMMENT ON FUNCTION inspection_days_refresh(text, jsonb) IS 'Recomputes inspection_days for some station-days of a city (keys: [{station_code, day}]).';

-- Per statement, the station-days it touched, under a lock per station (in one order) held until
-- the recording commits, so that two recordings at one station at once do not recompute its day
-- beside the other's uncommitted one: a station's recordings are written one after another.
CREATE FUNCTION inspection_days_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched record;
BEGIN
  FOR touched IN
    SELECT city_code, jsonb_agg(DISTINCT jsonb_build_object('station_code', outlet_code, 'day', day)) AS keys,
           array_agg(DISTINCT outlet_code ORDER BY outlet_code) AS stations
      FROM (SELECT city_code, outlet_code, beijing_day(finished_at) AS day FROM new_rows) r
     GROUP BY city_code ORDER BY city_code
  LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('inspection days ' || touched.city_code || ' ' || s, 0))
       FROM unnest(touched.stations) AS s ORDER BY s;
    PERFORM inspection_days_refresh(touched.city_code, touched.keys);
  END LOOP;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION inspection_days_keep() IS 'Keeps inspection_days as inspections are recorded (inspections are never changed or removed).';

CREATE TRIGGER inspection_days_keep AFTER INSERT ON inspections
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION inspection_days_keep();
COMMENT ON TRIGGER inspection_days_keep ON inspections IS 'Each statement''s new inspections: their station-days recomputed in inspection_days.';

-- Every station-day of every city: the first fill below, and the scale generator after its COPY
-- (which runs with the trigger off: without its indexes each station-day would be a scan).
CREATE FUNCTION inspection_days_rebuild() RETURNS void LANGUAGE sql AS $$
  SELECT inspection_days_refresh(city_code, keys)
    FROM (SELECT city_code,
                 jsonb_agg(DISTINCT jsonb_build_object('station_code', outlet_code,
                                                       'day', beijing_day(finished_at))) AS keys
            FROM inspections GROUP BY city_code) t;
$$;
COMMENT ON FUNCTION inspection_days_rebuild() IS 'Recomputes every station-day of inspection_days.';
SELECT inspection_days_rebuild();
