-- Supervision reads a city's exam results finished in a period in keyset pages by
-- (finished_at, id), through the licences service wired into its exam-results port: the daily
-- run, the oversight view and the review draw. The other indexes lead with the person, site or
-- examiner.
CREATE INDEX exam_results_finished ON exam_results (city_code, finished_at, id);
COMMENT ON INDEX exam_results_finished IS 'A city''s exam results by finishing time, for supervision''s bounded pages.';
