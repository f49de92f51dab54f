-- Handling times (issue #12 item 11): SLA breaches escalated to the outlet's supervisor.
CREATE TABLE sla_escalations (
  city_code      text NOT NULL REFERENCES jurisdictions (city_code),
  application_id uuid NOT NULL,
  outlet_code    text NOT NULL REFERENCES outlets (code),
  county_code    text NOT NULL,
  business_type  text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('open-overdue', 'completed-late')),
  sla_due_on     date NOT NULL,
  level          text NOT NULL CHECK (level IN ('brigade', 'detachment')),
  escalated_at   timestamptz NOT NULL,
  trigger        text NOT NULL CHECK (trigger IN ('job', 'request')),
  PRIMARY KEY (city_code, application_id),
  FOREIGN KEY (city_code, application_id) REFERENCES applications (city_code, id)
);
CREATE INDEX sla_escalations_county ON sla_escalations (city_code, county_code, sla_due_on);
COMMENT ON TABLE sla_escalations IS 'SLA breaches (open past the due day, or completed after it) escalated once to the supervisor of the outlet: the county brigade for outlets outside the city seat county, the detachment otherwise.';
COMMENT ON COLUMN sla_escalations.city_code IS 'The jurisdiction (city) of the application.';
COMMENT ON COLUMN sla_escalations.application_id IS 'The application that breached its SLA; escalated once.';
COMMENT ON COLUMN sla_escalations.outlet_code IS 'The outlet that accepted the application.';
COMMENT ON COLUMN sla_escalations.county_code IS 'The county of the outlet: the brigade that receives a brigade-level escalation.';
COMMENT ON COLUMN sla_escalations.business_type IS 'The business type of the application.';
COMMENT ON COLUMN sla_escalations.kind IS 'open-overdue: still open after its due day; completed-late: completed after its due day.';
COMMENT ON COLUMN sla_escalations.sla_due_on IS 'The day the application was due (working days from acceptance).';
COMMENT ON COLUMN sla_escalations.level IS 'brigade: the county brigade supervises; detachment: the city detachment does.';
COMMENT ON COLUMN sla_escalations.escalated_at IS 'When the breach was escalated.';
COMMENT ON COLUMN sla_escalations.trigger IS 'job: the daily escalation job; request: a supervisor or administrator ran it.';

-- The breach list reads completed applications by due day.
CREATE INDEX applications_completed_due ON applications (city_code, sla_due_on) WHERE status = 'completed';
