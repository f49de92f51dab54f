-- Anti-fraud (打击黄牛, issue 11; CONTRACT.md Part 2 "Anti-fraud"): the imported violation
-- handlings of the legacy platform, the evidence graph the detectors read (parties, vehicles and
-- the events linking them to staff, outlets, phones and devices), the findings of supervision
-- runs, and the cases opened from them. Every table carries the city that owns it.

CREATE TABLE fraud_violation_handlings (
  city_code text NOT NULL,
  violation_id text NOT NULL,
  plate text NOT NULL,
  owner_id_number text NOT NULL,
  driver_id_number text NOT NULL,
  points int NOT NULL CHECK (points BETWEEN 0 AND 12),
  handled_at timestamptz NOT NULL,
  outlet_code text,
  county_code text NOT NULL,
  staff_id text,
  channel text NOT NULL CHECK (channel IN ('window', 'social', 'internet', 'api')),
  phone text,
  device_id text,
  imported_at timestamptz NOT NULL,
  PRIMARY KEY (city_code, violation_id)
);
CREATE INDEX fraud_violation_handlings_at ON fraud_violation_handlings (city_code, handled_at);
COMMENT ON TABLE fraud_violation_handlings IS 'Violation handlings of the legacy platform (POST /imports/violation-handlings): who took the points of which record, where, when, through which channel, phone and device.';
COMMENT ON COLUMN fraud_violation_handlings.city_code IS 'The city whose administrator imported the line.';
COMMENT ON COLUMN fraud_violation_handlings.violation_id IS 'The violation record''s id; one handling per record and city.';
COMMENT ON COLUMN fraud_violation_handlings.plate IS 'The plate of the vehicle the record is about.';
COMMENT ON COLUMN fraud_violation_handlings.owner_id_number IS 'The vehicle owner: an identity number (GB 11643) or a unified social credit code (GB 32100).';
COMMENT ON COLUMN fraud_violation_handlings.driver_id_number IS 'The driver who took the points.';
COMMENT ON COLUMN fraud_violation_handlings.points IS 'Points taken (R163 §§8–12).';
COMMENT ON COLUMN fraud_violation_handlings.handled_at IS 'When the handling was done.';
COMMENT ON COLUMN fraud_violation_handlings.outlet_code IS 'The outlet of a window handling; null online.';
COMMENT ON COLUMN fraud_violation_handlings.county_code IS 'The county the handling belongs to: its outlet''s, or the city''s seat county when it has none.';
COMMENT ON COLUMN fraud_violation_handlings.staff_id IS 'The staff member who handled it at a window.';
COMMENT ON COLUMN fraud_violation_handlings.channel IS 'window, social, internet or api.';
COMMENT ON COLUMN fraud_violation_handlings.phone IS 'The phone given with the handling.';
COMMENT ON COLUMN fraud_violation_handlings.device_id IS 'The device the handling came from (internet channel, terminals).';
COMMENT ON COLUMN fraud_violation_handlings.imported_at IS 'When the line was imported.';

-- The evidence graph. Nodes: parties (people by identity number, organisations by credit code)
-- and vehicles (by plate) with what the registries say of them; staff, outlets, phones and
-- devices are keys on the events. Edges: the events.
CREATE TABLE fraud_parties (
  city_code text NOT NULL,
  id_number text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('person', 'organisation')),
  name text,
  phone text,
  has_licence boolean NOT NULL,
  refreshed_at timestamptz NOT NULL,
  PRIMARY KEY (city_code, id_number)
);
CREATE INDEX fraud_parties_phone ON fraud_parties (city_code, phone) WHERE phone IS NOT NULL;
COMMENT ON TABLE fraud_parties IS 'Evidence graph nodes: the people and organisations that appear in the events, with the name and phone the registries hold (household and fleet relations are read from them).';
COMMENT ON COLUMN fraud_parties.city_code IS 'The city of the graph.';
COMMENT ON COLUMN fraud_parties.id_number IS 'Identity number of a person or unified social credit code of an organisation.';
COMMENT ON COLUMN fraud_parties.kind IS 'person or organisation (by the form of the identifier).';
COMMENT ON COLUMN fraud_parties.name IS 'Name from the licence or vehicle registry; null when neither knows it.';
COMMENT ON COLUMN fraud_parties.phone IS 'Phone the vehicle registry holds for the party as an owner.';
COMMENT ON COLUMN fraud_parties.has_licence IS 'Whether the licence registry holds a driving licence of the party.';
COMMENT ON COLUMN fraud_parties.refreshed_at IS 'When a supervision run last refreshed the node.';

CREATE TABLE fraud_vehicles (
  city_code text NOT NULL,
  plate text NOT NULL,
  owner_id_number text NOT NULL,
  refreshed_at timestamptz NOT NULL,
  PRIMARY KEY (city_code, plate)
);
CREATE INDEX fraud_vehicles_owner ON fraud_vehicles (city_code, owner_id_number);
COMMENT ON TABLE fraud_vehicles IS 'Evidence graph nodes: vehicles (by plate) and their owners as the registry or the handling said.';
COMMENT ON COLUMN fraud_vehicles.city_code IS 'The city of the graph.';
COMMENT ON COLUMN fraud_vehicles.plate IS 'The plate.';
COMMENT ON COLUMN fraud_vehicles.owner_id_number IS 'The owner (identity number or credit code).';
COMMENT ON COLUMN fraud_vehicles.refreshed_at IS 'When a supervision run last refreshed the node.';

CREATE TABLE fraud_events (
  city_code text NOT NULL,
  source text NOT NULL CHECK (source IN ('legacy-handling', 'legacy-application')),
  source_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('points', 'agency')),
  at timestamptz NOT NULL,
  county_code text NOT NULL,
  outlet_code text,
  outlet_category text,
  staff_id text,
  channel text NOT NULL,
  actor_id text NOT NULL,
  subject_id text NOT NULL,
  plate text,
  points int,
  phone text,
  subject_phone text,
  device_id text,
  business_type text,
  status text NOT NULL,
  PRIMARY KEY (city_code, source, source_id)
);
CREATE INDEX fraud_events_window ON fraud_events (city_code, kind, at);
CREATE INDEX fraud_events_actor ON fraud_events (city_code, actor_id, at);
CREATE INDEX fraud_events_subject ON fraud_events (city_code, subject_id);
CREATE INDEX fraud_events_plate ON fraud_events (city_code, plate) WHERE plate IS NOT NULL;
CREATE INDEX fraud_events_phone ON fraud_events (city_code, phone) WHERE phone IS NOT NULL;
CREATE INDEX fraud_events_device ON fraud_events (city_code, device_id) WHERE device_id IS NOT NULL;
CREATE INDEX fraud_events_staff ON fraud_events (city_code, staff_id, at) WHERE staff_id IS NOT NULL;
COMMENT ON TABLE fraud_events IS 'Evidence graph edges: a driver who took the points of a vehicle (kind points: actor = driver, subject = owner) or an agent who applied for an applicant (kind agency: actor = agent, subject = applicant), with the staff, outlet, channel, phone, device and time. Refreshed idempotently by each supervision run for its period.';
COMMENT ON COLUMN fraud_events.city_code IS 'The city of the graph.';
COMMENT ON COLUMN fraud_events.source IS 'Where the event was read: legacy-handling (imported violation handlings) or legacy-application (imported applications history).';
COMMENT ON COLUMN fraud_events.source_id IS 'The id of the row in its source; with the source, the event''s identity (a run refreshing a period again adds nothing).';
COMMENT ON COLUMN fraud_events.kind IS 'points (who took whose points) or agency (who applied for whom as agent).';
COMMENT ON COLUMN fraud_events.at IS 'When it happened.';
COMMENT ON COLUMN fraud_events.county_code IS 'The county the event belongs to (its outlet''s, or the seat county).';
COMMENT ON COLUMN fraud_events.outlet_code IS 'The outlet it was done at; null online.';
COMMENT ON COLUMN fraud_events.outlet_category IS 'That outlet''s category when the event was read (agency is normal at dealers and registration stations).';
COMMENT ON COLUMN fraud_events.staff_id IS 'The staff member who handled it.';
COMMENT ON COLUMN fraud_events.channel IS 'window, social, internet or api.';
COMMENT ON COLUMN fraud_events.actor_id IS 'The driver who took the points, or the agent.';
COMMENT ON COLUMN fraud_events.subject_id IS 'The vehicle owner whose points were taken, or the applicant the agent acted for.';
COMMENT ON COLUMN fraud_events.plate IS 'The vehicle, when the event concerns one.';
COMMENT ON COLUMN fraud_events.points IS 'Points taken (kind points); null for agency.';
COMMENT ON COLUMN fraud_events.phone IS 'The contact phone of the event (the handling''s phone, the agent''s phone).';
COMMENT ON COLUMN fraud_events.subject_phone IS 'The phone given for the applicant of an agency event (an illegal agent often gives his own).';
COMMENT ON COLUMN fraud_events.device_id IS 'The device the event came from.';
COMMENT ON COLUMN fraud_events.business_type IS 'The business type of an agency event.';
COMMENT ON COLUMN fraud_events.status IS 'completed or refused (handlings are completed).';

CREATE TABLE fraud_findings (
  city_code text NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('point-trading', 'illegal-agent', 'insider-collusion')),
  fingerprint text NOT NULL,
  score double precision NOT NULL,
  county_code text NOT NULL,
  people text[] NOT NULL,
  plates text[] NOT NULL,
  staff text[] NOT NULL,
  phones text[] NOT NULL,
  devices text[] NOT NULL,
  evidence jsonb NOT NULL,
  links jsonb NOT NULL,
  period_from date NOT NULL,
  period_to date NOT NULL,
  run_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, kind, fingerprint)
);
CREATE INDEX fraud_findings_score ON fraud_findings (city_code, kind, score DESC);
COMMENT ON TABLE fraud_findings IS 'Findings of the anti-fraud detectors: one ring or cluster with all its members, its score and its evidence (GET /findings). Only findings above the policy threshold are stored.';
COMMENT ON COLUMN fraud_findings.city_code IS 'The city the run was for.';
COMMENT ON COLUMN fraud_findings.id IS 'The finding''s id.';
COMMENT ON COLUMN fraud_findings.kind IS 'point-trading, illegal-agent or insider-collusion.';
COMMENT ON COLUMN fraud_findings.fingerprint IS 'SHA-256 of the kind''s core members (drivers, agent identities, staff): the same ring found again by a later run updates this finding instead of adding one.';
COMMENT ON COLUMN fraud_findings.score IS 'The detector''s score (higher = stronger); see docs/ANTIFRAUD.md.';
COMMENT ON COLUMN fraud_findings.county_code IS 'The county most of the ring''s events belong to (brigade scope).';
COMMENT ON COLUMN fraud_findings.people IS 'Identity numbers (or credit codes) of the members.';
COMMENT ON COLUMN fraud_findings.plates IS 'Plates of the vehicles involved.';
COMMENT ON COLUMN fraud_findings.staff IS 'Staff ids involved.';
COMMENT ON COLUMN fraud_findings.phones IS 'Phones involved.';
COMMENT ON COLUMN fraud_findings.devices IS 'Devices involved.';
COMMENT ON COLUMN fraud_findings.evidence IS 'Evidence lines [{text, textEn, count?}] in words a supervisor can act on.';
COMMENT ON COLUMN fraud_findings.links IS 'The finding''s graph [{from, to, relation, count}] for drawing.';
COMMENT ON COLUMN fraud_findings.period_from IS 'First day of the run period that last found it.';
COMMENT ON COLUMN fraud_findings.period_to IS 'Last day of that period.';
COMMENT ON COLUMN fraud_findings.run_id IS 'The supervision run that last found it.';
COMMENT ON COLUMN fraud_findings.created_at IS 'When it was first found.';
COMMENT ON COLUMN fraud_findings.updated_at IS 'When a run last found it.';

CREATE TABLE fraud_cases (
  city_code text NOT NULL,
  id uuid NOT NULL,
  title text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'investigating', 'transferred', 'closed')),
  outcome text,
  county_code text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (city_code, id)
);
COMMENT ON TABLE fraud_cases IS 'Anti-fraud cases opened from findings (POST /cases); status follows the lifecycle of antifraud/case-lifecycle.ts.';
COMMENT ON COLUMN fraud_cases.city_code IS 'The city of the case.';
COMMENT ON COLUMN fraud_cases.id IS 'The case''s id.';
COMMENT ON COLUMN fraud_cases.title IS 'The title the supervisor gave.';
COMMENT ON COLUMN fraud_cases.status IS 'open, investigating, transferred (to criminal investigation) or closed.';
COMMENT ON COLUMN fraud_cases.outcome IS 'The outcome recorded when transferred or closed.';
COMMENT ON COLUMN fraud_cases.county_code IS 'The county of its first finding (brigade scope).';
COMMENT ON COLUMN fraud_cases.created_by IS 'Username of the supervisor who opened it.';
COMMENT ON COLUMN fraud_cases.created_at IS 'When it was opened.';
COMMENT ON COLUMN fraud_cases.updated_at IS 'When it last changed.';

CREATE TABLE fraud_case_findings (
  city_code text NOT NULL,
  case_id uuid NOT NULL,
  finding_id uuid NOT NULL,
  PRIMARY KEY (city_code, case_id, finding_id),
  FOREIGN KEY (city_code, case_id) REFERENCES fraud_cases (city_code, id),
  FOREIGN KEY (city_code, finding_id) REFERENCES fraud_findings (city_code, id)
);
CREATE INDEX fraud_case_findings_finding ON fraud_case_findings (city_code, finding_id);
COMMENT ON TABLE fraud_case_findings IS 'The findings a case was opened from.';
COMMENT ON COLUMN fraud_case_findings.city_code IS 'The city of the case.';
COMMENT ON COLUMN fraud_case_findings.case_id IS 'The case.';
COMMENT ON COLUMN fraud_case_findings.finding_id IS 'One of its findings.';

CREATE TABLE fraud_case_steps (
  city_code text NOT NULL,
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  kind text NOT NULL,
  note text NOT NULL,
  details jsonb NOT NULL,
  by_user text NOT NULL,
  at timestamptz NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, case_id) REFERENCES fraud_cases (city_code, id)
);
CREATE INDEX fraud_case_steps_case ON fraud_case_steps (city_code, case_id, seq);
COMMENT ON TABLE fraud_case_steps IS 'Investigation steps of a case in time order: notes, interviews, evidence, status changes and measures (with the application that carried the measure).';
COMMENT ON COLUMN fraud_case_steps.city_code IS 'The city of the case.';
COMMENT ON COLUMN fraud_case_steps.id IS 'The step''s id.';
COMMENT ON COLUMN fraud_case_steps.case_id IS 'The case.';
COMMENT ON COLUMN fraud_case_steps.kind IS 'note, interview, evidence, site-check, request, status or measure.';
COMMENT ON COLUMN fraud_case_steps.note IS 'What was done or found.';
COMMENT ON COLUMN fraud_case_steps.details IS 'Structured details: the status change, or the measure and its application.';
COMMENT ON COLUMN fraud_case_steps.by_user IS 'Username of who recorded it.';
COMMENT ON COLUMN fraud_case_steps.at IS 'When it was recorded.';
COMMENT ON COLUMN fraud_case_steps.seq IS 'Order of recording (steps of the same instant keep the order they were recorded in).';
