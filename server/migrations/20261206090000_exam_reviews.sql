-- Exam oversight (issue 10 item 5): the daily audio/video review queue. Each day the exams of
-- the day before that have a recording are sampled, reproducibly (HMAC of the exam id under a
-- seed derived from the platform secret, the city and the day), at a higher rate for examiners
-- and exam sites with open exam alerts; a reviewer's verdict of 'irregular' raises an alert.

CREATE TABLE exam_reviews (
  city_code       text NOT NULL REFERENCES jurisdictions (city_code),
  id              uuid NOT NULL,
  review_date     date NOT NULL,
  exam_id         text NOT NULL,
  exam_site_code  text NOT NULL,
  county_code     text NOT NULL,
  examiner_id     text NOT NULL,
  subject         smallint NOT NULL,
  id_number       text NOT NULL,
  recording_ref   text NOT NULL,
  passed          boolean NOT NULL,
  face_match      text NOT NULL CHECK (face_match IN ('pass', 'fail', 'manual')),
  exam_started_at timestamptz NOT NULL,
  reason          text NOT NULL CHECK (reason IN ('random', 'flagged')),
  draw_value      double precision NOT NULL CHECK (draw_value >= 0 AND draw_value < 1),
  status          text NOT NULL CHECK (status IN ('pending', 'done')),
  verdict         text CHECK (verdict IN ('ok', 'irregular')),
  note            text,
  reviewed_by     text,
  reviewed_at     timestamptz,
  alert_id        uuid,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, review_date, exam_id),
  CHECK ((status = 'done') = (verdict IS NOT NULL))
);
CREATE INDEX exam_reviews_queue ON exam_reviews (city_code, review_date DESC, id);
CREATE INDEX exam_reviews_county ON exam_reviews (city_code, county_code, review_date DESC, id);
COMMENT ON TABLE exam_reviews IS 'The daily random audio/video review queue of exam recordings: which exams were drawn for review and why, and the reviewer''s verdict. Drawing a day again adds nothing (unique per day and exam).';
COMMENT ON COLUMN exam_reviews.review_date IS 'The Beijing day whose exams were sampled (the exam''s finishing day).';
COMMENT ON COLUMN exam_reviews.reason IS 'random: the base rate (policy supervision.review.rate); flagged: the examiner or exam site had an open exam alert (policy supervision.review.flagged-rate).';
COMMENT ON COLUMN exam_reviews.draw_value IS 'u = first 13 hex digits of HMAC-SHA256(day seed, exam id) / 16^13; the exam was drawn because u was below its rate. Kept so the draw can be re-checked.';
COMMENT ON COLUMN exam_reviews.id_number IS 'The candidate (shown masked to reviewers).';
COMMENT ON COLUMN exam_reviews.alert_id IS 'The exam-review alert an irregular verdict raised or joined.';
