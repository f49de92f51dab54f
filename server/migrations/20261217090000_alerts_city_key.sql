-- Every alert belongs to the run that found it: (city_code, run_id) references supervision_runs,
-- whose city_code references jurisdictions. The alert's own key to jurisdictions checked the same
-- city again for every row, one look-up per alert: 10 ms of the server in a county-year run that
-- writes 1,433 alerts (EXPLAIN ANALYZE, docs/BENCHMARKS.md). The run's key stays and keeps the city
-- valid.
ALTER TABLE alerts DROP CONSTRAINT alerts_city_code_fkey;
COMMENT ON CONSTRAINT alerts_city_code_run_id_fkey ON alerts IS 'The run that found the alert, in the same city (checked at commit: a run writes its alerts, then itself). Through the run the city is one of jurisdictions.';
