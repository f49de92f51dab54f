-- Exam oversight's identity associations (docs/SUPERVISION.md "Exam oversight") link candidates
-- through the phone they gave and the driving school that trained them. A licence application
-- (licence.apply) records both with the candidacy; supervision reads them with each exam result
-- through the licences area's exam-results port, from the candidacy the exam belonged to.

ALTER TABLE exam_candidates ADD COLUMN phone text, ADD COLUMN driving_school_code text;
COMMENT ON COLUMN exam_candidates.phone IS 'The applicant''s phone from the licence application''s envelope (applicant.phone), when given.';
COMMENT ON COLUMN exam_candidates.driving_school_code IS 'The driving school that trained the candidate (licence.apply data.drivingSchoolCode), when given.';

CREATE INDEX exam_candidates_person ON exam_candidates (city_code, id_number, accepted_at);
COMMENT ON INDEX exam_candidates_person IS 'A person''s candidacies by acceptance: the one an exam belonged to (the latest accepted before it started).';
