-- Rectification after a bad rating (issue #12 item 7): the outlet rectifies by a deadline and
-- records what it did; one left unresolved past its deadline goes to the outlet's supervisor.
CREATE TABLE rectifications (
  city_code      text NOT NULL REFERENCES jurisdictions (city_code),
  id             uuid NOT NULL,
  application_id uuid NOT NULL,
  outlet_code    text NOT NULL REFERENCES outlets (code),
  county_code    text NOT NULL,
  score          smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  complaint      text,
  due_on         date NOT NULL,
  status         text NOT NULL CHECK (status IN ('open', 'escalated', 'done')),
  level          text CHECK (level IN ('brigade', 'detachment')),
  escalated_at   timestamptz,
  action         text,
  done_by        bigint REFERENCES users (id),
  done_at        timestamptz,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, application_id),
  FOREIGN KEY (city_code, application_id) REFERENCES applications (city_code, id),
  CHECK ((status = 'done') = (action IS NOT NULL AND done_at IS NOT NULL)),
  CHECK ((level IS NULL) = (escalated_at IS NULL))
);
CREATE INDEX rectifications_open ON rectifications (city_code, status, due_on);
COMMENT ON TABLE rectifications IS 'Rectifications (整改) an outlet owes after a bad rating (score ≤ 2): due by a deadline in working days (policy rectification.working-days); escalated to the outlet''s supervisor when the deadline passes unresolved.';
COMMENT ON COLUMN rectifications.city_code IS 'The jurisdiction (city) of the rated application.';
COMMENT ON COLUMN rectifications.id IS 'The rectification.';
COMMENT ON COLUMN rectifications.application_id IS 'The application whose bad rating opened it (one per application).';
COMMENT ON COLUMN rectifications.outlet_code IS 'The outlet that handled the application and must rectify.';
COMMENT ON COLUMN rectifications.county_code IS 'The county of the outlet (the brigade of a brigade-level escalation).';
COMMENT ON COLUMN rectifications.score IS 'The rating (1–5) that opened it.';
COMMENT ON COLUMN rectifications.complaint IS 'The rater''s comment, if any.';
COMMENT ON COLUMN rectifications.due_on IS 'The last day to rectify (Beijing), working days from the rating.';
COMMENT ON COLUMN rectifications.status IS 'open: awaiting the outlet; escalated: past its deadline unresolved, with the supervisor; done: the outlet recorded what it did.';
COMMENT ON COLUMN rectifications.level IS 'Who it was escalated to: the county brigade or the city detachment; null while never escalated.';
COMMENT ON COLUMN rectifications.escalated_at IS 'When the passed deadline escalated it; null while never escalated.';
COMMENT ON COLUMN rectifications.action IS 'What the outlet did to rectify; null until done.';
COMMENT ON COLUMN rectifications.done_by IS 'The staff member who recorded the rectification.';
COMMENT ON COLUMN rectifications.done_at IS 'When the rectification was recorded.';
COMMENT ON COLUMN rectifications.created_at IS 'When the bad rating opened it.';
