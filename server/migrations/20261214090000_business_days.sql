-- Business per outlet and Beijing day, kept as the rows are written (issue 10's speed goal,
-- docs/BENCHMARKS.md "Summaries kept at write time"). A supervision run over a year grouped
-- every business row of the year per outlet and day and cut each day into bands of quarters of
-- an hour (the outlets' opening hours): 5 × a bare count of the table at best. It now reads one
-- summary row per outlet and day; the bands come from each row's running counts per quarter.

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

CREATE FUNCTION beijing_quarter(at timestamptz) RETURNS int
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (floor((date_part('epoch', at) + 28800) / 900)::bigint % 96)::int
$$;
COMMENT ON FUNCTION beijing_quarter(timestamptz) IS 'The quarter of an hour (0–95) of an instant''s Beijing (UTC+8) day.';

-- One table per business table, each owned by the area that owns the rows.
CREATE TABLE application_days (
  city_code   text NOT NULL,
  day         date NOT NULL,
  outlet_code text NOT NULL,
  n           int NOT NULL,
  refused     int NOT NULL,
  upto        int[] NOT NULL,
  PRIMARY KEY (city_code, day, outlet_code)
);
COMMENT ON TABLE application_days IS 'The pipeline''s business per outlet and Beijing day (kept by the trigger application_days_keep): what supervision reads instead of every application.';
COMMENT ON COLUMN application_days.city_code IS 'The city of the applications (applications.city_code).';
COMMENT ON COLUMN application_days.day IS 'The Beijing day of submission.';
COMMENT ON COLUMN application_days.outlet_code IS 'The accepting outlet.';
COMMENT ON COLUMN application_days.n IS 'Applications submitted that day at that outlet.';
COMMENT ON COLUMN application_days.refused IS 'Of them, those refused.';
COMMENT ON COLUMN application_days.upto IS 'upto[k]: applications of the quarters of an hour before quarter k (k = 1–96, Beijing time).';

CREATE TABLE legacy_application_days (LIKE application_days INCLUDING ALL);
COMMENT ON TABLE legacy_application_days IS 'The legacy history''s business per outlet and Beijing day (kept by the trigger legacy_application_days_keep): what supervision reads instead of every imported row.';
COMMENT ON COLUMN legacy_application_days.city_code IS 'The city of the business (legacy_applications.city_code).';
COMMENT ON COLUMN legacy_application_days.day IS 'The Beijing day of submission.';
COMMENT ON COLUMN legacy_application_days.outlet_code IS 'The outlet that did the business.';
COMMENT ON COLUMN legacy_application_days.n IS 'Business submitted that day at that outlet.';
COMMENT ON COLUMN legacy_application_days.refused IS 'Of it, the business refused.';
COMMENT ON COLUMN legacy_application_days.upto IS 'upto[k]: business of the quarters of an hour before quarter k (k = 1–96, Beijing time).';

-- The pipeline writes one application at a time, many at once at a busy outlet (the internet
-- outlet takes all online business). Its summary row is changed by a deferred trigger, at
-- commit, so that concurrent applications of one outlet wait on that row only while they
-- commit, not for the rest of their transactions. Only what the summary counts fires it: a
-- new or removed application, or one whose refusal, outlet or time changes.
CREATE FUNCTION application_days_add(city text, outlet text, at timestamptz, is_refused boolean, sign int)
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO application_days AS d (city_code, day, outlet_code, n, refused, upto)
  VALUES (city, beijing_day(at), outlet, sign, CASE WHEN is_refused THEN sign ELSE 0 END,
          quarters_upto(ARRAY[beijing_quarter(at)], ARRAY[sign]))
  ON CONFLICT (city_code, day, outlet_code) DO UPDATE
    SET n = d.n + excluded.n, refused = d.refused + excluded.refused,
        upto = int_arrays_add(d.upto, excluded.upto);
  IF sign < 0 THEN
    DELETE FROM application_days
     WHERE city_code = city AND day = beijing_day(at) AND outlet_code = outlet AND n = 0;
  END IF;
END $$;
COMMENT ON FUNCTION application_days_add(text, text, timestamptz, boolean, int) IS 'Adds (sign 1) or removes (sign −1) one application''s share of application_days.';

CREATE FUNCTION application_days_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM application_days_add(OLD.city_code, OLD.outlet_code, OLD.submitted_at, OLD.status = 'refused', -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM application_days_add(NEW.city_code, NEW.outlet_code, NEW.submitted_at, NEW.status = 'refused', 1);
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION application_days_keep() IS 'Keeps application_days as applications are written.';

CREATE CONSTRAINT TRIGGER application_days_keep AFTER INSERT OR DELETE ON applications
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION application_days_keep();
COMMENT ON TRIGGER application_days_keep ON applications IS 'A new or removed application into application_days, at commit.';
CREATE CONSTRAINT TRIGGER application_days_change AFTER UPDATE ON applications
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD.status = 'refused') IS DISTINCT FROM (NEW.status = 'refused')
        OR OLD.outlet_code IS DISTINCT FROM NEW.outlet_code
        OR OLD.submitted_at IS DISTINCT FROM NEW.submitted_at
        OR OLD.city_code IS DISTINCT FROM NEW.city_code)
  EXECUTE FUNCTION application_days_keep();
COMMENT ON TRIGGER application_days_change ON applications IS 'An application whose refusal, outlet or time changed, moved in application_days, at commit.';

-- Every application's share, from scratch: the first fill below, and the scale generator after
-- its COPY (which runs with the triggers off rather than queue millions of deferred events).
CREATE FUNCTION application_days_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM application_days;
  INSERT INTO application_days (city_code, day, outlet_code, n, refused, upto)
  SELECT city_code, day, outlet_code, sum(n), sum(refused),
         quarters_upto(array_agg(quarter), array_agg(n))
    FROM (SELECT city_code, beijing_day(submitted_at) AS day, outlet_code,
                 beijing_quarter(submitted_at) AS quarter, count(*)::int AS n,
                 (count(*) FILTER (WHERE status = 'refused'))::int AS refused
            FROM applications GROUP BY 1, 2, 3, 4) q
   GROUP BY 1, 2, 3;
$$;
COMMENT ON FUNCTION application_days_rebuild() IS 'Recomputes application_days from every application.';
SELECT application_days_rebuild();

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
