-- Every licence read computes the points cycle from the holder's ledger, and the carry-over rule
-- (R163 §15: points whose fine is unpaid at the cycle's end carry into the next) needs the day
-- each violation's fine was settled. The ledger joined every violation entry to its violation
-- for that: a descent of the violations' key (10 M rows on the generated city-year) per entry.
-- pgbench running the licence read's two statements on the city-year did 1,090-1,290 reads/s
-- with the join and 1,635-2,172/s without it (docs/BENCHMARKS.md). The entry now carries the
-- day itself, written where it changes: when the entry is recorded (a violation without a fine
-- has nothing to pay, so it is settled that day) and by fine.pay in the payment's transaction.

-- On an existing city-year the backfill joins 6.3 M entries to 10 M violations. With memory for
-- the hash join it took 75 s on the 2-vCPU machine; with the default 4 MB, which spills the join
-- to disk in batches, 394 s. The index is rebuilt after the backfill rather than kept up to date
-- through it.
SET LOCAL work_mem = '256MB';
DROP INDEX point_entries_driver;

ALTER TABLE point_entries ADD COLUMN fine_settled_on date;
COMMENT ON COLUMN point_entries.fine_settled_on IS 'For a violation entry: the Beijing day its violation''s fine was paid, or the day of recording when the violation has no fine; null while the fine is unpaid. The points of an entry unsettled at its cycle''s end carry over (R163 §15).';

UPDATE point_entries p
   SET fine_settled_on = CASE WHEN v.fine = 0 THEN p.recorded_on ELSE beijing_day(v.paid_at) END
  FROM violations v
 WHERE p.kind = 'violation' AND v.city_code = p.violation_city_code AND v.id = p.violation_id
   AND (v.fine = 0 OR v.paid_at IS NOT NULL);

CREATE INDEX point_entries_driver ON point_entries (city_code, id_number, recorded_on, id)
  INCLUDE (kind, points, fine_settled_on);
COMMENT ON INDEX point_entries_driver IS 'A driver''s points ledger in order, carrying what the ledger reads (kind, points, the fine''s settlement day): an index-only scan wherever the visibility map allows (licence reads, the driver''s file).';
