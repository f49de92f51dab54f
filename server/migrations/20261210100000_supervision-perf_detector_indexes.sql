-- Supervision runs over a year (issue 10's speed goal, docs/BENCHMARKS.md): what the detectors
-- read of the business tables, in one pass per table.

-- The legacy history's Beijing day and quarter of an hour, stored: the run groups a year of it
-- per outlet and day and cuts each day into bands of quarters, and converting every row's time
-- to Beijing time at read time cost more than the rest of the pass (EXPLAIN ANALYZE of a
-- county-year: the scan itself about a third of the pass with the conversion, an eighth with
-- stored columns).
ALTER TABLE legacy_applications
  ADD COLUMN local_day date
    GENERATED ALWAYS AS ((submitted_at AT TIME ZONE 'Asia/Shanghai')::date) STORED,
  ADD COLUMN local_quarter smallint
    GENERATED ALWAYS AS ((extract(hour FROM submitted_at AT TIME ZONE 'Asia/Shanghai') * 4
      + floor(extract(minute FROM submitted_at AT TIME ZONE 'Asia/Shanghai') / 15))::smallint) STORED;
COMMENT ON COLUMN legacy_applications.local_day IS 'The Beijing day of submitted_at (generated): supervision groups business per outlet and day.';
COMMENT ON COLUMN legacy_applications.local_quarter IS 'The quarter of an hour (0–95) of submitted_at, Beijing time (generated): business outside an outlet''s hours.';

-- The days a run names as examples of business outside an outlet's hours are read per outlet
-- and day; without this index each one scanned the whole day of every outlet, and with the
-- day and quarter included it is read without visiting the table.
CREATE INDEX legacy_applications_outlet_time ON legacy_applications (city_code, outlet_code, submitted_at)
  INCLUDE (local_day, local_quarter);
COMMENT ON INDEX legacy_applications_outlet_time IS 'A city''s legacy business by outlet and time: the days supervision names as examples of business outside the outlet''s hours.';

-- The pipeline's table keeps its shape; the planner learns how many outlet-days a period has,
-- so that it groups them in a hash table instead of sorting every row (it guessed one group
-- per row without these statistics).
CREATE STATISTICS applications_outlet_local_day (ndistinct)
  ON outlet_code, ((submitted_at AT TIME ZONE 'Asia/Shanghai')::date) FROM applications;
COMMENT ON STATISTICS applications_outlet_local_day IS 'Distinct outlet-days of business, for the plan of supervision''s pass per outlet and Beijing day.';
