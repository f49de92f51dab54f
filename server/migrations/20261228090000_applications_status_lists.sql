-- The applications list filtered by a status (`GET /applications?status=…`, the overdue list,
-- a clerk's open applications) read the scope's time index (city, county or outlet) and dropped
-- every row of another status. On a generated city-year 98 % of the applications are completed,
-- so a page of 50 refused ones (1.1 %) read about 4,800 rows, of expired ones (0.14 %) 220,000
-- (183 ms), and a status no row has, withdrawn, read the whole table (a parallel scan of 5 M
-- rows, 736 ms).
-- Every status but completed is now a range of its own in each scope, newest first: these
-- indexes hold only the applications that are not completed (about 2 % of them), so an
-- application that completes at its submission, as most do, writes no entry to them. A list of
-- completed ones keeps reading the time indexes, where nearly every row is one.

CREATE INDEX applications_status_city_time ON applications
  (city_code, status, submitted_at DESC, id DESC) WHERE status <> 'completed';
CREATE INDEX applications_status_county_time ON applications
  (county_code, status, submitted_at DESC, id DESC, city_code) WHERE status <> 'completed';
CREATE INDEX applications_status_outlet_time ON applications
  (outlet_code, status, submitted_at DESC, id DESC, city_code) WHERE status <> 'completed';

COMMENT ON INDEX applications_status_city_time IS
  'A city''s applications of one status other than completed, newest first: the list by status.';
COMMENT ON INDEX applications_status_county_time IS
  'A county''s applications of one status other than completed, newest first: the list by status.';
COMMENT ON INDEX applications_status_outlet_time IS
  'An outlet''s applications of one status other than completed, newest first: the list by status.';
