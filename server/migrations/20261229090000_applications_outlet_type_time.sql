-- An outlet's applications of one business type (`GET /applications?businessType=…` by a clerk,
-- or by a supervisor naming the outlet) were read along one of two indexes, each with the other
-- condition as a filter: the outlet's time index, dropping its applications of other types, or
-- the city's type index (applications_type_time), dropping other outlets' applications of the
-- type. Neither is bounded when the outlet rarely or never takes that type. On a generated
-- city-year, a service centre asking for its registrations (it takes none) passed over the
-- city's 150,000 of them: 120 ms warm; the internet outlet asking for exam bookings, 450,000
-- rows, 141 ms warm and 350 ms from disk.
-- Each (outlet, business type) is now a range of its own, newest first, so a page reads its
-- rows and no more whichever type the outlet handles. The city and the county by type keep
-- their plans (a county's business is spread over many outlets of every kind: every county
-- and type within 9 ms on the same year).
-- Its cost is one more index entry for every application written.

CREATE INDEX applications_outlet_type_time ON applications
  (outlet_code, business_type, submitted_at DESC, id DESC, city_code);

COMMENT ON INDEX applications_outlet_type_time IS
  'An outlet''s applications of one business type, newest first: the list by type at an outlet (the city last).';
