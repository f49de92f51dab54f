-- The vehicle business of R164 (issue 7): status flags, inspections, plate reservations, the
-- one-lane registration's stage records, more temporary-plate purposes, more document kinds and
-- the issuer printed on each document. Every new registry table carries `city_code` and leads
-- its primary, unique and foreign keys with it (DESIGN.md "Storage").

-- 1. Status flags (查封 / 被盗抢骗): set and lifted by the police; R164 §§15, 36, 76 ----------------

CREATE TABLE vehicle_flags (
  city_code     text NOT NULL REFERENCES jurisdictions (city_code),
  id            bigserial NOT NULL,
  vehicle_id    bigint NOT NULL,
  vin           text NOT NULL,
  flag          text NOT NULL CHECK (flag IN ('seized', 'stolen')),
  reason        text NOT NULL,
  authority     text NOT NULL,
  status_before text NOT NULL,
  set_by        text NOT NULL,
  set_at        timestamptz NOT NULL,
  lifted_by     text,
  lifted_at     timestamptz,
  lift_note     text,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, vehicle_id) REFERENCES vehicles (city_code, id)
);
CREATE UNIQUE INDEX vehicle_flags_active ON vehicle_flags (city_code, vin, flag) WHERE lifted_at IS NULL;
CREATE INDEX vehicle_flags_vin ON vehicle_flags (city_code, vin, set_at);
COMMENT ON TABLE vehicle_flags IS 'Seizure (查封) and stolen (被盗抢骗) flags set by an authority; while one is active all business on the vehicle is refused (R164 §76).';
COMMENT ON COLUMN vehicle_flags.status_before IS 'The registry status the vehicle had before its first active flag; lifting the last flag restores it.';

-- The vehicle's own file (档案): every change of its registry record, in time order ----------

CREATE TABLE vehicle_events (
  city_code      text NOT NULL REFERENCES jurisdictions (city_code),
  id             bigserial NOT NULL,
  vin            text NOT NULL,
  at             timestamptz NOT NULL,
  event          text NOT NULL,
  status_from    text,
  status_to      text,
  plate          text,
  application_id uuid,
  actor          text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, application_id) REFERENCES applications (city_code, id)
    DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX vehicle_events_vin ON vehicle_events (city_code, vin, at, id);
CREATE INDEX vehicle_events_plate ON vehicle_events (city_code, plate) WHERE plate IS NOT NULL;
COMMENT ON TABLE vehicle_events IS 'Registry changes of a vehicle (registered, transferred, mortgaged, flagged, marked, deregistered …) with the status before and after and the plate it then had; the vehicle file reads it.';

-- Applications about a vehicle are found by the VIN or plate in their data (the vehicle file).
CREATE INDEX applications_data_vin ON applications (city_code, (data->>'vin')) WHERE data ? 'vin';
CREATE INDEX applications_data_plate ON applications (city_code, (data->>'plate')) WHERE data ? 'plate';

-- 2. Inspections (安全技术检验) recorded by inspection stations: the raw data supervision audits --

CREATE SEQUENCE inspection_report_serial START 1;
COMMENT ON SEQUENCE inspection_report_serial IS 'Serial part of inspection report numbers.';

CREATE TABLE inspections (
  city_code     text NOT NULL REFERENCES jurisdictions (city_code),
  id            uuid NOT NULL,
  report_no     text NOT NULL,
  county_code   text NOT NULL,
  outlet_code   text NOT NULL REFERENCES outlets (code),
  vin           text,
  plate         text,
  result        text NOT NULL CHECK (result IN ('pass', 'fail')),
  items         jsonb NOT NULL,
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz NOT NULL,
  inspector     text NOT NULL,
  photo_hashes  text[] NOT NULL DEFAULT '{}',
  recorded_by   text NOT NULL,
  recorded_at   timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, report_no),
  CHECK (vin IS NOT NULL OR plate IS NOT NULL),
  CHECK (finished_at >= started_at)
);
CREATE INDEX inspections_vin ON inspections (city_code, vin, finished_at DESC);
CREATE INDEX inspections_plate ON inspections (city_code, plate, finished_at DESC);
CREATE INDEX inspections_station ON inspections (city_code, outlet_code, finished_at);
COMMENT ON TABLE inspections IS 'Safety inspection results as the station records them: items, times, inspector and photo hashes (supervision reads pass rates, durations, reused photos and off-hours work from here).';

-- 3. Plate numbers held back: by an open application, kept by a former owner (§44), or withheld --

CREATE TABLE plate_reservations (
  city_code      text NOT NULL REFERENCES jurisdictions (city_code),
  plate          text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('application', 'retained', 'withheld')),
  application_id uuid,
  holder_id_number text,
  reserved_at    timestamptz NOT NULL,
  reserved_until date,
  PRIMARY KEY (city_code, plate),
  FOREIGN KEY (city_code, application_id) REFERENCES applications (city_code, id)
    DEFERRABLE INITIALLY DEFERRED,
  CHECK ((kind = 'application') = (application_id IS NOT NULL))
);
CREATE INDEX plate_reservations_application ON plate_reservations (city_code, application_id);
COMMENT ON TABLE plate_reservations IS 'Numbers that selection may not offer: held by an open registration (released when it closes), kept by a former owner for up to two years (R164 §44), or withheld by the office.';

-- 4. One-lane registration (通道式上牌): each stage with who did it and when -------------------

CREATE TABLE lane_stages (
  city_code      text NOT NULL REFERENCES jurisdictions (city_code),
  application_id uuid NOT NULL,
  stage          text NOT NULL,
  outlet_code    text NOT NULL REFERENCES outlets (code),
  county_code    text NOT NULL,
  vin            text NOT NULL,
  entered_at     timestamptz NOT NULL,
  finished_at    timestamptz,
  staff          text,
  PRIMARY KEY (city_code, application_id, stage),
  FOREIGN KEY (city_code, application_id) REFERENCES applications (city_code, id)
    DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX lane_stages_open ON lane_stages (city_code, outlet_code, entered_at) WHERE finished_at IS NULL;
CREATE INDEX lane_stages_done ON lane_stages (city_code, outlet_code, finished_at) WHERE finished_at IS NOT NULL;
COMMENT ON TABLE lane_stages IS 'Stages of one-lane registrations: the lane board reads the open ones, stage timings (median, p90) the finished ones.';
COMMENT ON COLUMN lane_stages.staff IS 'Display name of the staff member who finished the stage.';

-- 5. Temporary plates for every purpose of R164 §§27, 28, 47, 48 -----------------------------------

ALTER TABLE temp_plates DROP CONSTRAINT temp_plates_purpose_check;
ALTER TABLE temp_plates ADD CONSTRAINT temp_plates_purpose_check
  CHECK (purpose IN ('unregistered', 'export', 'plate-reissue', 'testing', 'oversize',
                     'plate-delay', 'move-out', 'used-car-export', 'icv-road-test'));
CREATE INDEX temp_plates_city_vin ON temp_plates (city_code, vin, purpose);

-- 6. Documents: more kinds, and who issued them (printed on the document) ---------------------

ALTER TABLE documents DROP CONSTRAINT documents_kind_check;
ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN ('vehicle-licence',
  'registration-certificate', 'plate', 'temp-plate', 'inspection-mark', 'driving-licence', 'notice',
  'receipt', 'mortgage-record', 'deregistration-certificate'));
ALTER TABLE documents ADD COLUMN issuer_office text, ADD COLUMN issuer_outlet text,
  ADD COLUMN issuer_staff text;
CREATE INDEX documents_number ON documents (number);
COMMENT ON COLUMN documents.issuer_office IS 'Name of the vehicle administration office under which the document was issued (printed, and named by public verification).';
COMMENT ON COLUMN documents.issuer_outlet IS 'Name of the outlet that issued it.';
COMMENT ON COLUMN documents.issuer_staff IS 'Display name of the staff member who handled it; null when the platform issued it.';
