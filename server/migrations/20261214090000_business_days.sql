-- The legacy history's business per outlet and Beijing day, kept as it is imported (issue 10's
-- speed goal, docs/BENCHMARKS.md "Summaries kept at write time"). A supervision run over a year
-- grouped every business row of the year per outlet and day and cut each day into bands of
-- quarters of an hour (the outlets' opening hours): 5 × a bare count of the table at best. It now
-- reads one summary row per outlet and day; the bands come from each row's running counts per
-- quarter. The pipeline's own applications are still grouped from their rows: the same summary
-- kept at each application's commit took 10-15 % of the pipeline's throughput on 行驶证 reissues
-- (docs/BENCHMARKS.md), while the history comes in batches where it costs little.

-- upto[k] (k = 1…96) counts the business of the quarters before quarter k (0-based, Beijing
-- time), so the business of the quarters [lo, hi) of a day is upto[hi] − upto[lo] (upto[0] is
-- null: none) and upto[96] is the day's whole business.

CREATE FUNCTION quarters_upto(quarters int[], counts int[]) RETURNS int[]
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  per int[] := array_fill(0, ARRAY[96]);
  upto int[] := array_fill(0, ARRAY[96]);
  running int := 0;
BEGIN
  FOR i IN 1 .. coalesce(cardinality(quarters), 0) LOOP
    per[quarters[i] + 1] := per[quarters[i] + 1] + counts[i];
  END LOOP;
  FOR k IN 1 .. 96 LOOP
    running := running + per[k];
    upto[k] := running;
  END LOOP;
  RETURN upto;
END $$;
COMMENT ON FUNCTION quarters_upto(int[], int[]) IS 'Running counts of a day''s business per quarter of an hour: element k counts the business of the quarters before quarter k (quarters 0–95, counts beside them).';

CREATE FUNCTION int_arrays_add(a int[], b int[]) RETURNS int[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT array_agg(x + y ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS u (x, y, i)
$$;
COMMENT ON FUNCTION int_arrays_add(int[], int[]) IS 'Element-wise sum of two integer arrays of the same length (running counts per quarter).';

CREATE FUNCTION beijing_day(at timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  -- Beijing is UTC+8 all year (no daylight saving since 1991): exact, and no time-zone look-up.
  SELECT date '1970-01-01' + floor((date_part('epoch', at) + 28800) / 86400)::int
$$;
COMMENT ON FUNCTION beijing_day(timestamptz) IS 'The Beijing (UTC+8) calendar day of an instant.';

CREATE TABLE legacy_application_days (
  city_code   text NOT NULL,
  day         date NOT NULL,
  outlet_code text NOT NULL,
  n           int NOT NULL,
  refused     int NOT NULL,
  upto        int[] NOT NULL,
  PRIMARY KEY (city_code, day, outlet_code)
);
COMMENT ON TABLE legacy_application_days IS 'The legacy history''s business per outlet and Beijing day (kept by the trigger legacy_application_days_keep): what supervision reads instead of every imported row.';
COMMENT ON COLUMN legacy_application_days.city_code IS 'The city of the business (legacy_applications.city_code).';
COMMENT ON COLUMN legacy_application_days.day IS 'The Beijing day of submission.';
COMMENT ON COLUMN legacy_application_days.outlet_code IS 'The outlet that did the business.';
COMMENT ON COLUMN legacy_application_days.n IS 'Business submitted that day at that outlet.';
COMMENT ON COLUMN legacy_application_days.refused IS 'Of it, the business refused.';
COMMENT ON COLUMN legacy_application_days.upto IS 'upto[k]: business of the quarters of an hour before quarter k (k = 1–96, Beijing time).';

-- The legacy history comes in batches (imports, thousands of rows a statement): its summary is
-- kept per statement, each statement's rows grouped once. (Passing the rows to a function as an
-- array of records instead made a county-year's import half as slow again.)
CREATE FUNCTION legacy_application_days_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  change record;
BEGIN
  FOR change IN
    SELECT * FROM (VALUES ('old_rows', -1), ('new_rows', 1)) AS c (rows, sign)
     WHERE (c.rows = 'old_rows' AND TG_OP IN ('UPDATE', 'DELETE'))
        OR (c.rows = 'new_rows' AND TG_OP IN ('INSERT', 'UPDATE'))
  LOOP
    -- The statement's transition table, by name (EXECUTE sees it as a table).
    EXECUTE format($q$
      INSERT INTO legacy_application_days AS d (city_code, day, outlet_code, n, refused, upto)
      SELECT city_code, local_day, outlet_code, $1 * sum(n), $1 * sum(refused),
             quarters_upto(array_agg(local_quarter::int), array_agg($1 * n))
        FROM (SELECT city_code, local_day, outlet_code, local_quarter, count(*)::int AS n,
                     (count(*) FILTER (WHERE status = 'refused'))::int AS refused
                FROM %1$I GROUP BY 1, 2, 3, 4) q
       GROUP BY 1, 2, 3
      ON CONFLICT (city_code, day, outlet_code) DO UPDATE
        SET n = d.n + excluded.n, refused = d.refused + excluded.refused,
            upto = int_arrays_add(d.upto, excluded.upto)$q$, change.rows) USING change.sign;
    IF change.sign < 0 THEN
      EXECUTE format($q$
        DELETE FROM legacy_application_days d
         USING (SELECT DISTINCT city_code, local_day, outlet_code FROM %1$I) c
         WHERE d.n = 0
           AND (d.city_code, d.day, d.outlet_code) = (c.city_code, c.local_day, c.outlet_code)$q$,
        change.rows);
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION legacy_application_days_keep() IS 'Keeps legacy_application_days as legacy business is imported (or changed, or removed), one grouped change per statement.';

CREATE TRIGGER legacy_application_days_insert AFTER INSERT ON legacy_applications
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION legacy_application_days_keep();
COMMENT ON TRIGGER legacy_application_days_insert ON legacy_applications IS 'Imported business into legacy_application_days.';
CREATE TRIGGER legacy_application_days_update AFTER UPDATE ON legacy_applications
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION legacy_application_days_keep();
COMMENT ON TRIGGER legacy_application_days_update ON legacy_applications IS 'Changed legacy business moved in legacy_application_days.';
CREATE TRIGGER legacy_application_days_delete AFTER DELETE ON legacy_applications
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION legacy_application_days_keep();
COMMENT ON TRIGGER legacy_application_days_delete ON legacy_applications IS 'Removed legacy business out of legacy_application_days.';

-- The legacy business already imported.
INSERT INTO legacy_application_days (city_code, day, outlet_code, n, refused, upto)
SELECT city_code, local_day, outlet_code, sum(n), sum(refused),
       quarters_upto(array_agg(local_quarter::int), array_agg(n))
  FROM (SELECT city_code, local_day, outlet_code, local_quarter, count(*)::int AS n,
               (count(*) FILTER (WHERE status = 'refused'))::int AS refused
          FROM legacy_applications GROUP BY 1, 2, 3, 4) q
 GROUP BY 1, 2, 3;
