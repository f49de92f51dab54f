-- Foundation: the network ("1+S+4+E"), users, catalog, policy, calendar, delegation,
-- applications, documents, vehicle registry, audit chain and outbox.

CREATE TABLE regions (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  name_en     text NOT NULL,
  parent_code text REFERENCES regions (code)
);
COMMENT ON TABLE regions IS 'Administrative divisions (GB/T 2260): the city and its counties/districts; the data-scope key.';

CREATE TABLE organisations (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('detachment', 'brigade')),
  county_code text REFERENCES regions (code),
  parent_code text REFERENCES organisations (code)
);
COMMENT ON TABLE organisations IS 'Traffic-police organisations: the detachment (支队, city) and brigades (大队, county); the two supervision levels.';

CREATE TABLE outlets (
  code              text PRIMARY KEY,
  name              text NOT NULL,
  category          text NOT NULL CHECK (category IN ('city-office', 'branch-office', 'county-office',
                      'service-centre', 'police-window', 'dealer', 'used-car-market', 'registration-station',
                      'inspection-station', 'bank', 'insurer', 'post', 'hospital', 'exam-site', 'internet')),
  kind_label        text,
  parent_code       text REFERENCES outlets (code),
  county_code       text NOT NULL REFERENCES regions (code),
  organisation_code text NOT NULL REFERENCES organisations (code),
  address           text NOT NULL DEFAULT '',
  phone             text NOT NULL DEFAULT '',
  hours             jsonb NOT NULL DEFAULT '{}'::jsonb,
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outlets_county_category ON outlets (county_code, category);
COMMENT ON TABLE outlets IS 'Every place that accepts business: police windows ("1"), social outlets ("S") and the internet channel ("E").';
COMMENT ON COLUMN outlets.status IS 'suspended blocks every new application at once; history lives in outlet_suspensions.';
COMMENT ON COLUMN outlets.hours IS 'Opening calendar: weekday/weekend periods, holiday service, extended hours.';

CREATE TABLE outlet_suspensions (
  id            bigserial PRIMARY KEY,
  outlet_code   text NOT NULL REFERENCES outlets (code),
  reason        text NOT NULL,
  suspended_by  text NOT NULL,
  suspended_at  timestamptz NOT NULL DEFAULT now(),
  restored_by   text,
  restored_at   timestamptz,
  restore_note  text
);
CREATE UNIQUE INDEX outlet_suspensions_open ON outlet_suspensions (outlet_code) WHERE restored_at IS NULL;
COMMENT ON TABLE outlet_suspensions IS 'Suspensions of outlets with reason; at most one open per outlet.';

CREATE TABLE agreements (
  code           text PRIMARY KEY,
  partner_name   text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('enterprise', 'bank', 'insurance', 'post', 'hospital')),
  signed_on      date NOT NULL,
  valid_from     date NOT NULL,
  valid_until    date NOT NULL,
  business_types text[] NOT NULL DEFAULT '{}'
);
COMMENT ON TABLE agreements IS 'Cooperation agreements ("4"): 警企/警银/警保/警邮/警医 with term and delegated business items.';

CREATE TABLE agreement_outlets (
  agreement_code text NOT NULL REFERENCES agreements (code),
  outlet_code    text NOT NULL REFERENCES outlets (code),
  PRIMARY KEY (agreement_code, outlet_code)
);
CREATE INDEX agreement_outlets_outlet ON agreement_outlets (outlet_code);
COMMENT ON TABLE agreement_outlets IS 'Which outlets an agreement covers.';

CREATE TABLE users (
  id            bigserial PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  password_hash text NOT NULL,
  roles         text[] NOT NULL,
  outlet_code   text REFERENCES outlets (code),
  scope_level   text NOT NULL CHECK (scope_level IN ('outlet', 'county', 'city')),
  scope_code    text NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE users IS 'Staff accounts; scope_level/scope_code bound what a user may see (outlet code, county code or city code).';
COMMENT ON COLUMN users.password_hash IS 'scrypt$N$r$p$salt$hash; never the password.';

CREATE TABLE system_settings (
  key   text PRIMARY KEY,
  value text NOT NULL
);
COMMENT ON TABLE system_settings IS 'Installation settings such as the generated signing secret.';

CREATE TABLE business_types (
  code              text PRIMARY KEY,
  name_zh           text NOT NULL,
  name_en           text NOT NULL,
  subject           text NOT NULL CHECK (subject IN ('vehicle', 'licence', 'violation')),
  sla_working_days  integer NOT NULL CHECK (sla_working_days >= 0),
  agent_allowed     boolean NOT NULL,
  legal_basis       text NOT NULL,
  implemented       boolean NOT NULL
);
COMMENT ON TABLE business_types IS 'The catalog, synchronised from code on start; grants and applications refer to it.';

CREATE TABLE policy_values (
  id             bigserial PRIMARY KEY,
  key            text NOT NULL,
  value          jsonb NOT NULL,
  effective_from date NOT NULL,
  legal_basis    text NOT NULL DEFAULT '',
  note           text NOT NULL DEFAULT '',
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (key, effective_from)
);
COMMENT ON TABLE policy_values IS 'Policy values with effective dates: the value in force on day D is the row with the latest effective_from <= D.';

CREATE TABLE calendar_days (
  day  date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text NOT NULL
);
COMMENT ON TABLE calendar_days IS 'Exceptions to Monday–Friday: public holidays on weekdays and adjusted workdays (调休) on weekends.';

CREATE TABLE grants (
  id              bigserial PRIMARY KEY,
  business_type   text NOT NULL REFERENCES business_types (code),
  outlet_category text,
  outlet_code     text REFERENCES outlets (code),
  effect          text NOT NULL DEFAULT 'allow' CHECK (effect IN ('allow', 'deny')),
  valid_from      date,
  valid_until     date,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((outlet_category IS NULL) <> (outlet_code IS NULL)),
  CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from <= valid_until)
);
CREATE UNIQUE INDEX grants_category ON grants (business_type, outlet_category) WHERE outlet_category IS NOT NULL;
CREATE UNIQUE INDEX grants_outlet ON grants (business_type, outlet_code) WHERE outlet_code IS NOT NULL;
CREATE INDEX grants_outlet_lookup ON grants (outlet_code) WHERE outlet_code IS NOT NULL;
COMMENT ON TABLE grants IS 'Delegation: a business type granted to an outlet category or a single outlet; an outlet row (allow or deny) overrides its category.';

CREATE TABLE applications (
  id                 uuid PRIMARY KEY,
  business_type      text NOT NULL REFERENCES business_types (code),
  outlet_code        text NOT NULL REFERENCES outlets (code),
  county_code        text NOT NULL,
  channel            text NOT NULL CHECK (channel IN ('window', 'social', 'internet', 'api')),
  actor_user_id      bigint NOT NULL REFERENCES users (id),
  applicant_id_number text NOT NULL,
  applicant_name     text NOT NULL,
  applicant_phone    text,
  agent              jsonb,
  data               jsonb NOT NULL,
  status             text NOT NULL CHECK (status IN ('completed', 'accepted', 'refused')),
  result             jsonb,
  refusal            jsonb,
  policy             jsonb NOT NULL DEFAULT '{}'::jsonb,
  idempotency_key    text,
  request_hash       text NOT NULL,
  submitted_at       timestamptz NOT NULL,
  completed_at       timestamptz,
  sla_due_on         date
);
CREATE UNIQUE INDEX applications_idempotency ON applications (actor_user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX applications_outlet_time ON applications (outlet_code, submitted_at DESC);
CREATE INDEX applications_county_time ON applications (county_code, submitted_at DESC);
CREATE INDEX applications_applicant ON applications (applicant_id_number);
COMMENT ON TABLE applications IS 'Every business application, completed or refused; refusals are kept as supervision data.';
COMMENT ON COLUMN applications.policy IS 'The policy values the decision was taken under, so an old decision stays explainable.';

CREATE TABLE vehicles (
  id                     bigserial PRIMARY KEY,
  city_code              text NOT NULL,
  county_code            text NOT NULL,
  vin                    text NOT NULL UNIQUE,
  plate                  text UNIQUE,
  vehicle_type           text NOT NULL CHECK (vehicle_type IN ('small-car', 'large-car', 'small-new-energy',
                           'large-new-energy', 'motorcycle', 'trailer')),
  use_nature             text NOT NULL CHECK (use_nature IN ('non-operating', 'operating')),
  seats                  integer,
  brand                  text,
  model                  text,
  owner_id_number        text NOT NULL,
  owner_name             text NOT NULL,
  owner_phone            text,
  status                 text NOT NULL CHECK (status IN ('normal', 'mortgaged', 'seized', 'stolen', 'deregistered', 'scrap-due')),
  registered_on          date,
  manufactured_on        date,
  inspection_valid_until date,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vehicles_owner ON vehicles (owner_id_number);
COMMENT ON TABLE vehicles IS 'The vehicle registry (R164). city_code/county_code: the owning jurisdiction (the shard key at national scale).';

CREATE TABLE mortgages (
  id                 bigserial PRIMARY KEY,
  vehicle_id         bigint NOT NULL REFERENCES vehicles (id),
  mortgagee_org_code text NOT NULL,
  contract_no        text NOT NULL,
  registered_on      date NOT NULL,
  released_on        date
);
CREATE UNIQUE INDEX mortgages_active ON mortgages (vehicle_id) WHERE released_on IS NULL;
COMMENT ON TABLE mortgages IS 'Mortgage registrations (R164 §§31–33); at most one active per vehicle.';

CREATE TABLE temp_plates (
  id             bigserial PRIMARY KEY,
  vin            text NOT NULL,
  plate          text NOT NULL UNIQUE,
  purpose        text NOT NULL CHECK (purpose IN ('unregistered', 'export')),
  valid_from     date NOT NULL,
  valid_until    date NOT NULL,
  application_id uuid NOT NULL REFERENCES applications (id) DEFERRABLE INITIALLY DEFERRED,
  outlet_code    text NOT NULL REFERENCES outlets (code),
  issued_at      timestamptz NOT NULL
);
CREATE INDEX temp_plates_vin ON temp_plates (vin, purpose);
COMMENT ON TABLE temp_plates IS 'Temporary plates issued (R164 §§46–47); issue counts per VIN and purpose come from here.';
COMMENT ON COLUMN temp_plates.application_id IS 'Deferred check: the application row is written last in the same transaction, with its result.';

CREATE SEQUENCE temp_plate_serial START 100001;
COMMENT ON SEQUENCE temp_plate_serial IS 'Serial part of temporary plate numbers.';

CREATE TABLE documents (
  id             uuid PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('vehicle-licence', 'registration-certificate', 'plate', 'temp-plate',
                   'inspection-mark', 'driving-licence', 'notice')),
  number         text NOT NULL,
  subject        text NOT NULL,
  application_id uuid REFERENCES applications (id) DEFERRABLE INITIALLY DEFERRED,
  status         text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'void')),
  issued_at      timestamptz NOT NULL,
  voided_at      timestamptz,
  void_reason    text,
  UNIQUE (kind, number)
);
CREATE INDEX documents_subject ON documents (subject, kind) WHERE status = 'valid';
COMMENT ON TABLE documents IS 'Issued documents; the verify token is an HMAC over id, kind and number, so it is never stored.';
COMMENT ON COLUMN documents.subject IS 'What the document is about: a VIN for vehicle documents, an identity number for licences.';

CREATE SEQUENCE document_serial START 1;
COMMENT ON SEQUENCE document_serial IS 'Serial part of document numbers; a sequence, so issuing never serialises on a counter row.';

CREATE TABLE audit_heads (
  partition_key text PRIMARY KEY,
  last_seq      bigint NOT NULL,
  last_hash     text NOT NULL
);
COMMENT ON TABLE audit_heads IS 'Head of each audit chain; one chain per partition (outlet or system) so writes do not serialise globally.';

CREATE TABLE audit_log (
  id            bigserial PRIMARY KEY,
  partition_key text NOT NULL,
  seq           bigint NOT NULL,
  at            timestamptz NOT NULL,
  actor         text NOT NULL,
  action        text NOT NULL,
  entity_type   text NOT NULL,
  entity_id     text NOT NULL,
  details       jsonb NOT NULL,
  prev_hash     text NOT NULL,
  hash          text NOT NULL,
  UNIQUE (partition_key, seq)
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
COMMENT ON TABLE audit_log IS 'Append-only audit log; each record hashes the previous record of its partition.';

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
COMMENT ON FUNCTION audit_log_append_only() IS 'Refuses UPDATE and DELETE on audit_log; tampering below SQL is caught by the hash chain.';

CREATE TABLE outbox (
  id           bigserial PRIMARY KEY,
  topic        text NOT NULL,
  payload      jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
COMMENT ON TABLE outbox IS 'Events written in the same transaction as their change; a relay publishes them.';
