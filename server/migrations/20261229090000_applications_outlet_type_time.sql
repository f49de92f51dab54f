-- An outlet's applications of one business type (`GET /applications?businessType=…` by a clerk)
-- were read along one of two indexes, each with the other condition as a filter: the outlet's
-- time index (applications_outlet_time), dropping its applications of other types, or the
-- city's type index (applications_type_time), dropping other outlets' applications of the
-- type. Neither is bounded when the outlet rarely or never takes that type. On a generated
-- city-year, a service centre asking for its registrations (it takes none) passed over the
-- city's 150,000 of them: 120–183 ms warm; the internet outlet asking for exam bookings,
-- 450,000 rows, 141–169 ms warm and 350 ms from disk.
-- The outlet's index is now by business type before time, so each (outlet, business type) is
-- a range of its own, newest first, and a page of one type reads its rows and no more. It
-- replaces the outlet's time index, which every application also wrote: an outlet's page of
-- every type is merged from its types' ranges (the repository reads each type's first keys,
-- then the newest of them), and an outlet's day is a range of each type. The city and the
-- county by type keep their plans (a county's business is spread over outlets of every kind:
-- every county and type within 9 ms on the same year).

CREATE INDEX applications_outlet_type_time ON applications
  (outlet_code, business_type, submitted_at DESC, id DESC, city_code);
DROP INDEX applications_outlet_time;

COMMENT ON INDEX applications_outlet_type_time IS
  'An outlet''s applications by business type, newest first: the list at an outlet (one type a range, every type merged from theirs) and an outlet''s days (the city last).';
