-- The exam recordings of a day are drawn for review once per city and Beijing day by the nightly
-- job: it marks the day in the same transaction as the day's picks, so a night the server was
-- down is caught up by the next run (it draws every recent day not marked, oldest first) and no
-- day is drawn twice by the job. A day with no picks leaves no exam_reviews rows, hence this table
-- (supervision/reviews.service.ts).

CREATE TABLE exam_review_days (
  city_code text NOT NULL REFERENCES jurisdictions (city_code),
  day       date NOT NULL,
  drawn     integer NOT NULL CHECK (drawn >= 0),
  drawn_at  timestamptz NOT NULL,
  PRIMARY KEY (city_code, day)
);
COMMENT ON TABLE exam_review_days IS 'The Beijing days whose exam recordings the nightly job has drawn for audio/video review, per city; the job draws a day only while it has no row.';
COMMENT ON COLUMN exam_review_days.day IS 'The Beijing day of the exams the draw was made from.';
COMMENT ON COLUMN exam_review_days.drawn IS 'How many exams the draw picked for the day (0 when none had a recording or none was picked).';
COMMENT ON COLUMN exam_review_days.drawn_at IS 'When the job drew the day (a late one catches up a night the job did not run).';
