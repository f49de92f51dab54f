-- Every licence read computes the points cycle from the holder's ledger (points.repository.ts
-- ledgerOf): the driver's point entries in order, each joined to its violation for the fine's
-- payment day. On the generated city-year (6.3 M entries, 2.5 M licences) the entries of one
-- driver lie on as many heap pages as there are entries, so the ledger cost a random heap read per
-- entry: pgbench running the ledger alone over 20,000 random holders did 2,081 reads/s, against
-- 4,983-5,520/s through an index that carries the columns the ledger reads (docs/BENCHMARKS.md).
-- The id joins the key so that the index also gives the ledger's order (recorded_on, id) and
-- the sort goes away.
DROP INDEX point_entries_driver;
CREATE INDEX point_entries_driver ON point_entries (city_code, id_number, recorded_on, id)
  INCLUDE (kind, points, violation_city_code, violation_id);
COMMENT ON INDEX point_entries_driver IS 'A driver''s points ledger in order, carrying what the ledger reads: an index-only scan wherever the visibility map allows (licence reads, the driver''s file).';
