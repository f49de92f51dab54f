-- Exam booking (考试预约, R162 §§39, 43–47): exam-site sessions with their capacity, and the
-- bookings the national ranking allocates to them when a session closes.

CREATE TABLE exam_sessions (
  city_code      text NOT NULL REFERENCES jurisdictions (city_code),
  id             uuid NOT NULL,
  exam_site_code text NOT NULL REFERENCES outlets (code),
  subject        integer NOT NULL CHECK (subject BETWEEN 1 AND 4),
  exam_date      date NOT NULL,
  capacity       integer NOT NULL CHECK (capacity BETWEEN 1 AND 2000),
  status         text NOT NULL CHECK (status IN ('open', 'closed')),
  created_by     bigint REFERENCES users (id),
  created_at     timestamptz NOT NULL,
  closed_at      timestamptz,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, exam_site_code, subject, exam_date)
);
COMMENT ON TABLE exam_sessions IS 'Exam sessions of an exam site: a subject on a day with its capacity; closing one allocates it to bookings by the ranking.';

CREATE TABLE exam_bookings (
  city_code         text NOT NULL REFERENCES jurisdictions (city_code),
  application_id    uuid NOT NULL,
  candidate_id      uuid NOT NULL,
  id_number         text NOT NULL,
  subject           integer NOT NULL CHECK (subject BETWEEN 1 AND 4),
  exam_site_code    text REFERENCES outlets (code),
  preferred_dates   date[] NOT NULL DEFAULT '{}',
  earliest_on       date NOT NULL,
  status            text NOT NULL CHECK (status IN ('waiting', 'allocated', 'cancelled', 'taken', 'expired', 'withdrawn')),
  booked_at         timestamptz NOT NULL,
  session_id        uuid,
  rank              integer,
  cancelled_at      timestamptz,
  PRIMARY KEY (city_code, application_id),
  FOREIGN KEY (city_code, application_id) REFERENCES applications (city_code, id) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (city_code, candidate_id) REFERENCES exam_candidates (city_code, application_id),
  FOREIGN KEY (city_code, session_id) REFERENCES exam_sessions (city_code, id)
);
CREATE INDEX exam_bookings_waiting ON exam_bookings (city_code, subject, booked_at) WHERE status = 'waiting';
CREATE INDEX exam_bookings_person ON exam_bookings (city_code, id_number, subject);
CREATE INDEX exam_bookings_session ON exam_bookings (city_code, session_id, rank);
COMMENT ON TABLE exam_bookings IS 'Exam bookings (exam.book applications): waiting for the ranking, allocated to a session, then taken, cancelled (≥ 1 day before, R162 §46) or expired.';
COMMENT ON COLUMN exam_bookings.earliest_on IS 'The first day the subject may be taken (R162 §§43–44: 10/20 days after the permit for subject 2, 20/30/40 for subject 3; 10 days after a failed booking, §47).';
COMMENT ON COLUMN exam_bookings.cancelled_at IS 'A cancellation ranks the candidate after those without one (the ranking''s cancellation/no-show factor).';
