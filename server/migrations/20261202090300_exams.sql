-- Driving exams (R162 §§30–47): candidates with their learner permits, and the results exam
-- sites send, with who examined whom, where, when, through which channel, and how (face match,
-- recording) — the data exam supervision reads.

CREATE TABLE exam_candidates (
  city_code         text NOT NULL REFERENCES jurisdictions (city_code),
  application_id    uuid NOT NULL,
  id_number         text NOT NULL,
  class             text NOT NULL,
  status            text NOT NULL CHECK (status IN ('theory', 'skills', 'licensed', 'voided', 'expired', 'withdrawn')),
  accepted_at       timestamptz NOT NULL,
  permit_issued_on  date,
  permit_valid_until date,
  closed_on         date,
  PRIMARY KEY (city_code, application_id),
  FOREIGN KEY (city_code, application_id) REFERENCES applications (city_code, id) DEFERRABLE INITIALLY DEFERRED
);
CREATE UNIQUE INDEX exam_candidates_open ON exam_candidates (city_code, id_number)
  WHERE status IN ('theory', 'skills');
COMMENT ON TABLE exam_candidates IS 'Candidates of a licence application (考生): the class, the learner permit (学习驾驶证明, R162 §40) and where they stand; one open candidacy per person.';
COMMENT ON COLUMN exam_candidates.accepted_at IS 'When the application was accepted: the first key of the exam ranking.';

CREATE TABLE exam_results (
  city_code      text NOT NULL REFERENCES jurisdictions (city_code),
  id             uuid NOT NULL,
  id_number      text NOT NULL,
  subject        integer NOT NULL CHECK (subject BETWEEN 1 AND 4),
  class          text NOT NULL,
  exam_site_code text NOT NULL REFERENCES outlets (code),
  examiner_id    text NOT NULL,
  vehicle_plate  text,
  score          numeric(5, 1) NOT NULL CHECK (score BETWEEN 0 AND 100),
  passed         boolean NOT NULL,
  absent         boolean NOT NULL DEFAULT false,
  face_match     text NOT NULL CHECK (face_match IN ('pass', 'fail', 'manual')),
  started_at     timestamptz NOT NULL,
  finished_at    timestamptz NOT NULL CHECK (finished_at >= started_at),
  recording_ref  text,
  application_id uuid,
  counted        boolean NOT NULL,
  source         text NOT NULL CHECK (source IN ('platform', 'import')),
  recorded_by    bigint REFERENCES users (id),
  channel        text NOT NULL CHECK (channel IN ('window', 'social', 'internet', 'api')),
  recorded_at    timestamptz NOT NULL,
  PRIMARY KEY (city_code, id)
);
CREATE INDEX exam_results_person ON exam_results (city_code, id_number, subject, started_at);
CREATE INDEX exam_results_site ON exam_results (city_code, exam_site_code, started_at);
CREATE INDEX exam_results_examiner ON exam_results (city_code, examiner_id, started_at);
COMMENT ON TABLE exam_results IS 'Exam results from exam sites and the legacy platform: score, pass, examiner, exam vehicle, face match, start and finish, recording; who sent it, from where and how.';
COMMENT ON COLUMN exam_results.subject IS '1 laws and regulations, 2 field skills, 3 road skills, 4 安全文明驾驶常识 (part of subject 3 in R162 §30).';
COMMENT ON COLUMN exam_results.absent IS 'No-show: counts as a fail (R162 §46).';
COMMENT ON COLUMN exam_results.counted IS 'Whether the result counted for the candidate: a pass without a face match does not.';
