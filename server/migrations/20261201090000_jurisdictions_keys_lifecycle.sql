-- Jurisdictions as data, the city code in every registry key, and application lifecycles.
--
-- 1. `jurisdictions`: one row per city-level vehicle administration office (车管所) with its
--    plate prefixes and office names, so no city is written into code.
-- 2. Every registry table carries `city_code` and leads its primary, unique and foreign keys
--    with it: at national scale the registries are distributed by that column (DESIGN.md,
--    "Storage"). `vehicle_directory` keeps the VIN unique across cities.
-- 3. Applications get a lifecycle: a stage inside `accepted`, withdrawal and expiry, and one row
--    per transition in `application_events`.

-- 1. Jurisdictions -------------------------------------------------------------------------------

CREATE TABLE jurisdictions (
  city_code        text PRIMARY KEY REFERENCES regions (code),
  name             text NOT NULL,
  name_en          text NOT NULL,
  province_abbr    text NOT NULL,
  plate_prefixes   text[] NOT NULL,
  office_code      text NOT NULL UNIQUE,
  office_name      text NOT NULL,
  office_name_en   text NOT NULL,
  seat_county_code text NOT NULL REFERENCES regions (code),
  local_rules      jsonb NOT NULL DEFAULT '{}'::jsonb
);
COMMENT ON TABLE jurisdictions IS 'City-level jurisdictions (one vehicle administration office each): codes, names, plate prefixes; the pipeline reads them instead of constants.';
COMMENT ON COLUMN jurisdictions.plate_prefixes IS 'Province abbreviation + issuing-authority letter of the plates this office issues (GA 36), e.g. {贵C}; R164 §2: an office registers its own area only.';
COMMENT ON COLUMN jurisdictions.seat_county_code IS 'County where the office sits: owner of records that name no county of the city.';
COMMENT ON COLUMN jurisdictions.local_rules IS 'Names of local rules by purpose (e.g. {"supervision": "…工作规范"}); cited only where a local rule is the basis.';

-- Existing installations: one jurisdiction per top-level region, its plate prefixes read from
-- the plates it already holds.
INSERT INTO jurisdictions (city_code, name, name_en, province_abbr, plate_prefixes, office_code,
                           office_name, office_name_en, seat_county_code)
SELECT r.code, r.name, r.name_en,
       coalesce((SELECT left(v.plate, 1) FROM vehicles v
                  WHERE v.city_code = r.code AND v.plate IS NOT NULL LIMIT 1), ''),
       coalesce(array(SELECT DISTINCT left(v.plate, 2) FROM vehicles v
                       WHERE v.city_code = r.code AND v.plate IS NOT NULL ORDER BY 1), '{}'),
       r.code, r.name || '车辆管理所', r.name_en || ' Vehicle Administration Office',
       coalesce((SELECT min(c.code) FROM regions c WHERE c.parent_code = r.code), r.code)
  FROM regions r
 WHERE r.parent_code IS NULL;

ALTER TABLE outlets ADD COLUMN city_code text;
UPDATE outlets o SET city_code = r.parent_code FROM regions r WHERE r.code = o.county_code;
ALTER TABLE outlets ALTER COLUMN city_code SET NOT NULL,
  ADD FOREIGN KEY (city_code) REFERENCES jurisdictions (city_code);
CREATE INDEX outlets_city ON outlets (city_code, category);
COMMENT ON COLUMN outlets.city_code IS 'The jurisdiction the outlet works for (the city of its county).';

ALTER TABLE organisations ADD COLUMN city_code text;
UPDATE organisations o
   SET city_code = coalesce((SELECT r.parent_code FROM regions r WHERE r.code = o.county_code),
                            (SELECT min(j.city_code) FROM jurisdictions j));
ALTER TABLE organisations ALTER COLUMN city_code SET NOT NULL,
  ADD FOREIGN KEY (city_code) REFERENCES jurisdictions (city_code);
COMMENT ON COLUMN organisations.city_code IS 'The jurisdiction of the detachment or brigade.';

-- Staff belong to a jurisdiction through their scope (a city, one of its counties or outlets).
ALTER TABLE users ADD COLUMN city_code text;
UPDATE users u SET city_code = CASE u.scope_level
    WHEN 'city' THEN u.scope_code
    WHEN 'county' THEN (SELECT r.parent_code FROM regions r WHERE r.code = u.scope_code)
    ELSE (SELECT o.city_code FROM outlets o WHERE o.code = u.scope_code) END;
ALTER TABLE users ALTER COLUMN city_code SET NOT NULL,
  ADD FOREIGN KEY (city_code) REFERENCES jurisdictions (city_code);
CREATE INDEX users_city ON users (city_code, username);
COMMENT ON COLUMN users.city_code IS 'The jurisdiction of the user''s scope; the city administrator manages its users.';

-- Delegation is each office's decision: grants belong to a jurisdiction.
ALTER TABLE grants ADD COLUMN city_code text;
UPDATE grants g SET city_code = o.city_code FROM outlets o WHERE o.code = g.outlet_code;
UPDATE grants SET city_code = (SELECT min(city_code) FROM jurisdictions) WHERE city_code IS NULL;
ALTER TABLE grants ALTER COLUMN city_code SET NOT NULL,
  ADD FOREIGN KEY (city_code) REFERENCES jurisdictions (city_code);
DROP INDEX grants_category;
CREATE UNIQUE INDEX grants_category ON grants (city_code, business_type, outlet_category)
  WHERE outlet_category IS NOT NULL;
COMMENT ON COLUMN grants.city_code IS 'The jurisdiction whose office made the grant; a category grant holds for that city''s outlets only.';

-- Policy values: national ones (no city), and a jurisdiction's own versions, which take over for
-- that city from their effective date (a local rule such as Zunyi's 2019 temporary-plate reform).
ALTER TABLE policy_values ADD COLUMN city_code text REFERENCES jurisdictions (city_code);
ALTER TABLE policy_values DROP CONSTRAINT policy_values_key_effective_from_key;
CREATE UNIQUE INDEX policy_values_version ON policy_values (key, effective_from, city_code) NULLS NOT DISTINCT;
COMMENT ON COLUMN policy_values.city_code IS 'null: a national value; otherwise the jurisdiction whose own version this is.';

-- 2. Registry keys -------------------------------------------------------------------------------

-- applications
ALTER TABLE applications ADD COLUMN city_code text, ADD COLUMN outlet_name text;
UPDATE applications a SET city_code = o.city_code, outlet_name = o.name
  FROM outlets o WHERE o.code = a.outlet_code;
ALTER TABLE applications ALTER COLUMN city_code SET NOT NULL,
                         ALTER COLUMN outlet_name SET NOT NULL;
ALTER TABLE applications DROP CONSTRAINT applications_pkey CASCADE;
ALTER TABLE applications ADD PRIMARY KEY (city_code, id);
CREATE INDEX applications_id ON applications (id);
DROP INDEX applications_idempotency;
CREATE UNIQUE INDEX applications_idempotency ON applications (city_code, actor_user_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
COMMENT ON COLUMN applications.city_code IS 'Jurisdiction of the accepting outlet; leads every key (the distribution column).';
COMMENT ON COLUMN applications.outlet_name IS 'The outlet''s name when the application was taken in, as its notices print it.';

-- documents
ALTER TABLE documents ADD COLUMN city_code text;
UPDATE documents d SET city_code = a.city_code FROM applications a WHERE a.id = d.application_id;
UPDATE documents SET city_code = (SELECT min(city_code) FROM jurisdictions) WHERE city_code IS NULL;
ALTER TABLE documents ALTER COLUMN city_code SET NOT NULL;
ALTER TABLE documents DROP CONSTRAINT documents_pkey, DROP CONSTRAINT documents_kind_number_key;
ALTER TABLE documents ADD PRIMARY KEY (city_code, id),
  ADD UNIQUE (city_code, kind, number),
  ADD FOREIGN KEY (city_code, application_id) REFERENCES applications (city_code, id)
    DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE documents DROP CONSTRAINT documents_kind_check;
ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN ('vehicle-licence',
  'registration-certificate', 'plate', 'temp-plate', 'inspection-mark', 'driving-licence', 'notice',
  'receipt'));
DROP INDEX documents_subject;
CREATE INDEX documents_subject ON documents (city_code, subject, kind) WHERE status = 'valid';
CREATE INDEX documents_application ON documents (city_code, application_id);
COMMENT ON COLUMN documents.city_code IS 'Jurisdiction of the issuing office; verification tokens carry it.';

-- vehicles and the national VIN directory
ALTER TABLE mortgages DROP CONSTRAINT mortgages_vehicle_id_fkey;
ALTER TABLE vehicles DROP CONSTRAINT vehicles_pkey, DROP CONSTRAINT vehicles_vin_key,
  DROP CONSTRAINT vehicles_plate_key;
ALTER TABLE vehicles ADD PRIMARY KEY (city_code, id), ADD UNIQUE (city_code, vin),
  ADD UNIQUE (city_code, plate);
DROP INDEX vehicles_owner;
CREATE INDEX vehicles_owner ON vehicles (city_code, owner_id_number);

CREATE TABLE vehicle_directory (
  vin       text PRIMARY KEY,
  city_code text NOT NULL REFERENCES jurisdictions (city_code)
);
INSERT INTO vehicle_directory (vin, city_code) SELECT vin, city_code FROM vehicles;
COMMENT ON TABLE vehicle_directory IS 'Cross-city directory: which jurisdiction holds a VIN. Keeps the VIN unique nationally while vehicles are keyed by city.';

ALTER TABLE mortgages ADD COLUMN city_code text;
UPDATE mortgages m SET city_code = v.city_code FROM vehicles v WHERE v.id = m.vehicle_id;
ALTER TABLE mortgages ALTER COLUMN city_code SET NOT NULL;
ALTER TABLE mortgages DROP CONSTRAINT mortgages_pkey;
ALTER TABLE mortgages ADD PRIMARY KEY (city_code, id),
  ADD FOREIGN KEY (city_code, vehicle_id) REFERENCES vehicles (city_code, id);
DROP INDEX mortgages_active;
CREATE UNIQUE INDEX mortgages_active ON mortgages (city_code, vehicle_id) WHERE released_on IS NULL;

-- temporary plates
ALTER TABLE temp_plates ADD COLUMN city_code text;
UPDATE temp_plates t SET city_code = o.city_code FROM outlets o WHERE o.code = t.outlet_code;
ALTER TABLE temp_plates ALTER COLUMN city_code SET NOT NULL;
ALTER TABLE temp_plates DROP CONSTRAINT temp_plates_pkey, DROP CONSTRAINT temp_plates_plate_key;
ALTER TABLE temp_plates ADD PRIMARY KEY (city_code, id), ADD UNIQUE (city_code, plate),
  ADD FOREIGN KEY (city_code, application_id) REFERENCES applications (city_code, id)
    DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE temp_plates DROP CONSTRAINT temp_plates_purpose_check;
ALTER TABLE temp_plates ADD CONSTRAINT temp_plates_purpose_check
  CHECK (purpose IN ('unregistered', 'export', 'plate-reissue'));

-- audit log, chain heads and outbox
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
ALTER TABLE audit_log ADD COLUMN city_code text;
UPDATE audit_log l SET city_code = o.city_code FROM outlets o
 WHERE l.partition_key = 'outlet:' || o.code;
UPDATE audit_log SET city_code = (SELECT min(city_code) FROM jurisdictions) WHERE city_code IS NULL;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;
ALTER TABLE audit_log ALTER COLUMN city_code SET NOT NULL;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey, DROP CONSTRAINT audit_log_partition_key_seq_key;
ALTER TABLE audit_log ADD PRIMARY KEY (city_code, id), ADD UNIQUE (city_code, partition_key, seq);
DROP INDEX audit_log_entity;
CREATE INDEX audit_log_entity ON audit_log (city_code, entity_type, entity_id);

ALTER TABLE audit_heads ADD COLUMN city_code text;
UPDATE audit_heads h SET city_code = o.city_code FROM outlets o
 WHERE h.partition_key = 'outlet:' || o.code;
UPDATE audit_heads SET city_code = (SELECT min(city_code) FROM jurisdictions) WHERE city_code IS NULL;
ALTER TABLE audit_heads ALTER COLUMN city_code SET NOT NULL;
ALTER TABLE audit_heads DROP CONSTRAINT audit_heads_pkey;
ALTER TABLE audit_heads ADD PRIMARY KEY (city_code, partition_key);
COMMENT ON COLUMN audit_log.city_code IS 'Jurisdiction of the chain: an outlet''s city, or the administrator''s city for the system chain.';

ALTER TABLE outbox ADD COLUMN city_code text;
UPDATE outbox SET city_code = (SELECT min(city_code) FROM jurisdictions);
ALTER TABLE outbox ALTER COLUMN city_code SET NOT NULL;
ALTER TABLE outbox DROP CONSTRAINT outbox_pkey;
ALTER TABLE outbox ADD PRIMARY KEY (city_code, id);
DROP INDEX outbox_unpublished;
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;

-- 3. Application lifecycle ---------------------------------------------------------------------

ALTER TABLE applications DROP CONSTRAINT applications_status_check;
ALTER TABLE applications ADD CONSTRAINT applications_status_check
  CHECK (status IN ('accepted', 'completed', 'refused', 'withdrawn', 'expired'));
ALTER TABLE applications
  ADD COLUMN stage            text,
  ADD COLUMN stage_entered_at timestamptz,
  ADD COLUMN stage_due_on     date,
  ADD COLUMN events           integer NOT NULL DEFAULT 0,
  ADD CONSTRAINT applications_stage_only_when_accepted CHECK ((stage IS NULL) = (status <> 'accepted'));
CREATE INDEX applications_open_due ON applications (city_code, sla_due_on) WHERE status = 'accepted';
CREATE INDEX applications_deadlines ON applications (city_code, business_type, stage, stage_entered_at)
  WHERE status = 'accepted';
-- Keyset pagination of lists, newest first, within a city, county or outlet.
DROP INDEX applications_outlet_time;
DROP INDEX applications_county_time;
CREATE INDEX applications_city_time ON applications (city_code, submitted_at DESC, id DESC);
CREATE INDEX applications_county_time ON applications (city_code, county_code, submitted_at DESC, id DESC);
CREATE INDEX applications_outlet_time ON applications (city_code, outlet_code, submitted_at DESC, id DESC);
DROP INDEX applications_applicant;
CREATE INDEX applications_applicant ON applications (city_code, applicant_id_number);
COMMENT ON COLUMN applications.stage IS 'Where an accepted application stands in its business type''s lifecycle (shared/src/lifecycles.ts); null once it is closed.';
COMMENT ON COLUMN applications.stage_due_on IS 'The working day by which the current stage should be done (its own SLA).';
COMMENT ON COLUMN applications.events IS 'Number of lifecycle events applied or refused so far; the next event''s sequence number.';

CREATE TABLE application_events (
  city_code      text NOT NULL,
  application_id uuid NOT NULL,
  seq            integer NOT NULL,
  event          text NOT NULL,
  outcome        text NOT NULL CHECK (outcome IN ('applied', 'refused')),
  from_status    text NOT NULL,
  from_stage     text,
  to_status      text NOT NULL,
  to_stage       text,
  actor_user_id  bigint REFERENCES users (id),
  actor_name     text NOT NULL,
  outlet_code    text REFERENCES outlets (code),
  at             timestamptz NOT NULL,
  data           jsonb NOT NULL DEFAULT '{}'::jsonb,
  result         jsonb,
  refusal        jsonb,
  PRIMARY KEY (city_code, application_id, seq),
  FOREIGN KEY (city_code, application_id) REFERENCES applications (city_code, id)
);
COMMENT ON TABLE application_events IS 'Every lifecycle event of an application (a stage done, a result recorded, a deadline passed, a withdrawal): applied, or refused with its 1331 items.';
COMMENT ON COLUMN application_events.actor_user_id IS 'Who fired it; null for the system (deadlines).';
COMMENT ON COLUMN application_events.actor_name IS 'The display name of who fired it at the time (系统 for the platform), as the history prints it.';
