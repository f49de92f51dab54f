-- A person's latest applications (a citizen's own page, the driver file, the licence history) are
-- read newest first, a page at a time. The index held the person and the city only: a page
-- read all of the person's applications and sorted them, and for a person with many the planner
-- walked the whole city's applications by time instead, filtering for the person (on the
-- city-year, 4,707 applications of one person; a fleet owner's or an agent's run to thousands).
-- With the time and id after the person and the city, a page reads its rows and no more.
DROP INDEX applications_applicant;
CREATE INDEX applications_applicant
  ON applications (applicant_id_number, city_code, submitted_at DESC, id DESC);
COMMENT ON INDEX applications_applicant IS
  'A person''s applications newest first (by identity number and city): the citizen''s page, the driver file, the licence history.';
