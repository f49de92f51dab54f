-- The summaries' rebuilds (inspection_days, exam_examiner_days, exam_site_days) recomputed every
-- day through the per-key refresh the triggers use: a list of every (unit, day) as jsonb, joined
-- back to the rows and to the summary, a function scan whose length the planner does not know
-- (it assumes 100 rows). After the scale generator's COPY of a county-year, and again after
-- ANALYZE, its 43,164 exam results took 21 s and its 35,714 inspections 6.9 s
-- (docs/BENCHMARKS.md). A rebuild of everything is one grouping of the rows instead; the figures
-- are the refresh's, the day being beijing_day(finished_at), which is the refresh's window
-- [day 00:00, day + 1 00:00) in Beijing.

CREATE OR REPLACE FUNCTION inspection_days_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM inspection_days;
  INSERT INTO inspection_days (city_code, day, station_code, first_at, first_county, n, passes,
                               outcomes, seconds, start_quarters, report_nos)
  SELECT city_code, day, outlet_code, min(finished_at),
         (array_agg(county_code ORDER BY finished_at, id))[1], count(*),
         count(*) FILTER (WHERE result = 'pass'),
         string_agg(CASE result WHEN 'pass' THEN '1' ELSE '0' END, '' ORDER BY finished_at, id),
         array_agg(date_part('epoch', finished_at - started_at) ORDER BY finished_at, id),
         array_agg((floor((date_part('epoch', started_at) + 28800) / 900)
                    - (day - date '1970-01-01') * 96)::int ORDER BY finished_at, id),
         array_agg(report_no ORDER BY finished_at, id)
    FROM (SELECT *, beijing_day(finished_at) AS day FROM inspections) i
   GROUP BY city_code, day, outlet_code;
$$;
COMMENT ON FUNCTION inspection_days_rebuild() IS 'Recomputes every station-day of inspection_days, in one grouping of the inspections.';

CREATE OR REPLACE FUNCTION exam_days_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM exam_examiner_days;
  INSERT INTO exam_examiner_days (city_code, day, examiner_id, subject, first_at, first_site, n,
                                  passes, outcomes, overrides, site_codes, seconds, ids)
  SELECT city_code, day, examiner_id, subject, min(finished_at),
         (array_agg(exam_site_code ORDER BY finished_at, id))[1], count(*),
         count(*) FILTER (WHERE passed),
         string_agg(CASE WHEN passed THEN '1' ELSE '0' END, '' ORDER BY finished_at, id),
         string_agg(CASE WHEN passed AND face_match <> 'pass' THEN '1' ELSE '0' END, ''
                    ORDER BY finished_at, id),
         array_agg(exam_site_code ORDER BY finished_at, id),
         array_agg(date_part('epoch', finished_at - started_at) ORDER BY finished_at, id),
         array_agg(id::text ORDER BY finished_at, id)
    FROM (SELECT *, beijing_day(finished_at) AS day FROM exam_results) r
   GROUP BY city_code, day, examiner_id, subject;
  DELETE FROM exam_site_days;
  INSERT INTO exam_site_days (city_code, day, exam_site_code, subject, first_at, n, passes,
                              outcomes)
  SELECT city_code, day, exam_site_code, subject, min(finished_at), count(*),
         count(*) FILTER (WHERE passed),
         string_agg(CASE WHEN passed THEN '1' ELSE '0' END, '' ORDER BY finished_at, id)
    FROM (SELECT *, beijing_day(finished_at) AS day FROM exam_results) r
   GROUP BY city_code, day, exam_site_code, subject;
$$;
COMMENT ON FUNCTION exam_days_rebuild() IS 'Recomputes every examiner-day and site-day of exam_examiner_days and exam_site_days, in one grouping of the results each.';
