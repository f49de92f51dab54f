-- The evidence graph takes in the platform's applications made by an agent (代办) of a run's
-- period, a keyset page after (submitted_at, id). No index held them: each page walked the
-- city's applications of the period by time and read every row to find the few with an agent,
-- and when there were none the planner scanned the whole table (on the city-year 5 M rows, 1 s
-- alone and 4-6 s of a city month's supervision run among its other reads). This index holds
-- only applications with an agent, in the page's order; an application without one writes no
-- entry, so the write path of ordinary business is unchanged.
CREATE INDEX applications_agency
  ON applications (city_code, submitted_at, id) WHERE agent IS NOT NULL;
COMMENT ON INDEX applications_agency IS
  'Applications made by an agent (代办), by city and submission time: the anti-fraud graph''s keyset pages.';
