-- Registry changes of a driving licence, as vehicle_events are of a vehicle: the licence file
-- (GET /licences/{idNumber}/history, CONTRACT.md "History") lists them with the applications and
-- documents of the holder in time order.

CREATE TABLE licence_events (
  city_code      text NOT NULL REFERENCES jurisdictions (city_code),
  id             bigserial NOT NULL,
  id_number      text NOT NULL,
  at             timestamptz NOT NULL,
  event          text NOT NULL,
  status_from    text,
  status_to      text NOT NULL,
  application_id uuid,
  actor          text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, application_id) REFERENCES applications (city_code, id)
    DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX licence_events_holder ON licence_events (city_code, id_number, at, id);
COMMENT ON TABLE licence_events IS 'Registry changes of a driving licence (issued, class added, renewed, detained for a full score, released, cancelled …) with the status before and after; the licence file reads it.';
COMMENT ON COLUMN licence_events.event IS 'The licence lifecycle event (shared/src/licences.ts), or issue for a first licence.';
COMMENT ON COLUMN licence_events.status_from IS 'Null when the licence was first issued.';
COMMENT ON COLUMN licence_events.actor IS 'The staff member who acted, or 系统 when the platform did (a deadline, an exam site''s result).';
COMMENT ON COLUMN licence_events.details IS 'What changed besides the status: classes, validity, term.';
