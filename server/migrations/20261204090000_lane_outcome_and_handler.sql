-- Issue 7, second part: how a one-lane registration's stage ended, and who handled an
-- application under which office (printed on its receipt, result and notices).

-- 1. A lane stage ends when its desk finishes it, or when the applicant withdraws. Only finished
--    stages count towards the lane's timings; both leave the live board.

ALTER TABLE lane_stages ADD COLUMN outcome text
  CHECK (outcome IN ('done', 'withdrawn'));
ALTER TABLE lane_stages ADD CONSTRAINT lane_stages_outcome_when_finished
  CHECK ((finished_at IS NULL) = (outcome IS NULL));
COMMENT ON COLUMN lane_stages.outcome IS 'done: the stage''s desk finished it; withdrawn: the applicant withdrew during it; null while it is open.';

-- 2. The staff member who took the application in and the office it was taken under, as they
--    were named at the time (a later rename or a departure does not rewrite a printed paper).

ALTER TABLE applications ADD COLUMN actor_name text, ADD COLUMN office_name text;
UPDATE applications a SET actor_name = u.display_name FROM users u WHERE u.id = a.actor_user_id;
UPDATE applications a SET office_name = j.office_name FROM jurisdictions j
  WHERE j.city_code = a.city_code;
COMMENT ON COLUMN applications.actor_name IS 'Display name of the staff member who took the application in, printed on its papers.';
COMMENT ON COLUMN applications.office_name IS 'Name of the vehicle administration office under which it was taken in, printed on its papers.';
