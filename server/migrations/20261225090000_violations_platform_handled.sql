-- The evidence graph takes in the platform's own violation handlings of a run's period, a keyset
-- page of 5,000 after (handled_at, id). violations_handled_on held every handled record by city
-- and Beijing day: a page read the rest of its days, the imported handlings among them, and
-- sorted them, and at city size a month's refresh took 11-12 s of a supervision run (29 pages of
-- 0.4 s, most rows read to be filtered out). This index holds the platform's handlings only, in
-- the page's order: a page reads its rows and no more (0.4 s -> 0.05 s cold on the city-year).
-- No other query reads records by handling day (a driver's history goes by driver and plate), so
-- the day index goes: a handling still writes one entry of this kind, not two.
CREATE INDEX violations_platform_handled
  ON violations (city_code, handled_at, id) WHERE handled_application_id IS NOT NULL;
COMMENT ON INDEX violations_platform_handled IS
  'Records handled on the platform (a violation.handle application) by city and handling time: the anti-fraud graph''s keyset pages.';
DROP INDEX violations_handled_on;
