-- Supervision (管, issue 10): runs of the anomaly rules, the alerts they raise with their
-- dispositions, the legacy platform's business history (imported for supervision), and
-- reproducible spot-check draws. Every table carries `city_code` and leads its keys with it.

-- 1. Runs ------------------------------------------------------------------------------------

CREATE TABLE supervision_runs (
  city_code    text NOT NULL REFERENCES jurisdictions (city_code),
  id           uuid NOT NULL,
  period_from  date NOT NULL,
  period_to    date NOT NULL,
  trigger      text NOT NULL CHECK (trigger IN ('request', 'job')),
  started_by   text NOT NULL,
  started_at   timestamptz NOT NULL,
  finished_at  timestamptz NOT NULL,
  policy       jsonb NOT NULL,
  read         jsonb NOT NULL,
  found        jsonb NOT NULL,
  alerts       integer NOT NULL,
  new_alerts   integer NOT NULL,
  findings     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (city_code, id),
  CHECK (period_from <= period_to)
);
CREATE INDEX supervision_runs_period ON supervision_runs (city_code, period_from, period_to);
COMMENT ON TABLE supervision_runs IS 'One run of every anomaly rule over a period: the policy values it used, what it read (rows per source) and what each rule found.';

-- 2. Alerts and dispositions -------------------------------------------------------------------

CREATE TABLE alerts (
  city_code     text NOT NULL REFERENCES jurisdictions (city_code),
  id            uuid NOT NULL,
  rule          text NOT NULL,
  severity      text NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  subject_kind  text NOT NULL CHECK (subject_kind IN ('outlet', 'examiner', 'exam-site',
                  'inspection-station', 'staff', 'vehicle', 'person')),
  subject_id    text NOT NULL,
  subject_name  text,
  outlet_code   text,
  level         text NOT NULL CHECK (level IN ('detachment', 'brigade')),
  county_code   text NOT NULL,
  period_from   date NOT NULL,
  period_to     date NOT NULL,
  evidence      jsonb NOT NULL,
  status        text NOT NULL CHECK (status IN ('open', 'assigned', 'closed')),
  deadline      date,
  run_id        uuid NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, rule, subject_kind, subject_id, period_from, period_to),
  FOREIGN KEY (city_code, run_id) REFERENCES supervision_runs (city_code, id)
    DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX alerts_city_list ON alerts (city_code, created_at DESC, id DESC);
CREATE INDEX alerts_county_list ON alerts (city_code, county_code, created_at DESC, id DESC);
CREATE INDEX alerts_deadline ON alerts (city_code, deadline) WHERE status = 'assigned' AND deadline IS NOT NULL;
COMMENT ON TABLE alerts IS 'Anomalies a rule found about one subject in one period, with evidence; routed to the brigade of the subject''s county or to the detachment. A run of the same period again finds the same row (unique key), never a duplicate.';
COMMENT ON COLUMN alerts.run_id IS 'The run that first found it (deferred check: a run writes its alerts, then itself, in one transaction).';
COMMENT ON COLUMN alerts.outlet_code IS 'The outlet a sanction acts on (the subject itself for outlets and stations; the exam site for an examiner), if any.';
COMMENT ON COLUMN alerts.deadline IS 'Rectification deadline (限期整改); when it passes with the alert still assigned, the alert re-opens.';

CREATE TABLE alert_dispositions (
  city_code   text NOT NULL REFERENCES jurisdictions (city_code),
  id          bigserial NOT NULL,
  alert_id    uuid NOT NULL,
  action      text NOT NULL CHECK (action IN ('dismiss', 'interview', 'rectify', 'suspend',
                'terminate', 'reopen')),
  note        text NOT NULL,
  deadline    date,
  effect      jsonb NOT NULL DEFAULT '{}'::jsonb,
  by_user     text NOT NULL,
  at          timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, alert_id) REFERENCES alerts (city_code, id)
);
CREATE INDEX alert_dispositions_alert ON alert_dispositions (city_code, alert_id, at);
COMMENT ON TABLE alert_dispositions IS 'What supervisors did about an alert (dismiss, interview 约谈, rectify 限期整改, suspend 暂停委托, terminate 终止委托) and re-openings by the platform; effect names what delegation did.';

-- 3. Business done on the legacy platform (POST /imports/applications-history) -----------------

CREATE TABLE legacy_applications (
  city_code           text NOT NULL REFERENCES jurisdictions (city_code),
  id                  text NOT NULL,
  business_type       text NOT NULL,
  outlet_code         text NOT NULL REFERENCES outlets (code),
  county_code         text NOT NULL,
  staff_id            text NOT NULL,
  channel             text NOT NULL CHECK (channel IN ('window', 'social', 'internet', 'api')),
  applicant_id_number text NOT NULL,
  applicant_name      text NOT NULL,
  applicant_phone     text,
  agent               jsonb,
  device_id           text,
  plate               text,
  submitted_at        timestamptz NOT NULL,
  status              text NOT NULL CHECK (status IN ('completed', 'refused')),
  imported_at         timestamptz NOT NULL,
  PRIMARY KEY (city_code, id)
);
CREATE INDEX legacy_applications_time ON legacy_applications (city_code, submitted_at);
CREATE INDEX legacy_applications_type ON legacy_applications (city_code, business_type, submitted_at);
COMMENT ON TABLE legacy_applications IS 'Business done on the legacy platform, imported so supervision and anti-fraud see the history before this platform (staff, device, channel).';

-- 4. Spot-check draws (双随机一公开) ------------------------------------------------------------

CREATE TABLE spot_check_draws (
  city_code    text NOT NULL REFERENCES jurisdictions (city_code),
  id           uuid NOT NULL,
  population   text NOT NULL,
  count        integer NOT NULL CHECK (count > 0),
  parties      text[] NOT NULL,
  frame        text NOT NULL,
  frame_hash   text NOT NULL,
  forced       text[] NOT NULL DEFAULT '{}',
  status       text NOT NULL CHECK (status IN ('committing', 'revealing', 'complete')),
  seed         text,
  selected     text[],
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL,
  completed_at timestamptz,
  PRIMARY KEY (city_code, id)
);
CREATE INDEX spot_check_draws_id ON spot_check_draws (id);
CREATE INDEX spot_check_draws_done ON spot_check_draws (city_code, completed_at) WHERE status = 'complete';
COMMENT ON TABLE spot_check_draws IS 'Reproducible random spot-check draws: the frozen frame exactly as published (its JSON text, hashed), the parties, and once all shares are revealed the seed and the selected units.';
COMMENT ON COLUMN spot_check_draws.forced IS 'Units put in the frame because they were not checked for the policy''s number of quarters.';

CREATE TABLE spot_check_parties (
  city_code    text NOT NULL,
  draw_id      uuid NOT NULL,
  party        text NOT NULL,
  commitment   text,
  share        text,
  committed_at timestamptz,
  revealed_at  timestamptz,
  PRIMARY KEY (city_code, draw_id, party),
  FOREIGN KEY (city_code, draw_id) REFERENCES spot_check_draws (city_code, id)
);
COMMENT ON TABLE spot_check_parties IS 'Each party''s commitment (SHA-256 of its secret share) and, once revealed, the share.';

-- 5. Indexes for the detectors over other areas' tables (their repositories run the SQL) -------

CREATE INDEX applications_type_time ON applications (city_code, business_type, submitted_at);
CREATE INDEX inspections_time ON inspections (city_code, finished_at, id);
CREATE INDEX inspections_photos ON inspections USING gin (photo_hashes);
