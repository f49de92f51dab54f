-- The driving-licence registry (R162 = 机动车驾驶证申领和使用规定, as amended by R172).
--
-- One licence per person, kept by the city office that issued it (核发地), keyed like every
-- registry table by city_code. `licence_directory` keeps an identity number's licence unique
-- nationally and says which city holds it, as vehicle_directory does for VINs.

CREATE TABLE licences (
  city_code        text NOT NULL REFERENCES jurisdictions (city_code),
  id_number        text NOT NULL,
  county_code      text NOT NULL REFERENCES regions (code),
  name             text NOT NULL,
  licence_no       text NOT NULL,
  classes          text[] NOT NULL CHECK (cardinality(classes) > 0),
  class_since      jsonb NOT NULL DEFAULT '{}'::jsonb,
  status           text NOT NULL CHECK (status IN ('valid', 'full-score', 'suspended', 'revoked', 'cancelled')),
  status_since     date NOT NULL,
  first_issued_on  date NOT NULL,
  validity_term    text NOT NULL CHECK (validity_term IN ('6y', '10y', 'long-term')),
  valid_until      date,
  probation_until  date,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (city_code, id_number),
  UNIQUE (city_code, licence_no),
  CHECK ((valid_until IS NULL) = (validity_term = 'long-term'))
);
CREATE INDEX licences_county ON licences (city_code, county_code, id_number);
CREATE INDEX licences_valid_until ON licences (city_code, valid_until) WHERE status = 'valid';
COMMENT ON TABLE licences IS 'Driving licences (R162), one per person, kept by the issuing city office.';
COMMENT ON COLUMN licences.county_code IS 'County that owns the file (the holder''s, else the office''s own): narrower scopes read by it.';
COMMENT ON COLUMN licences.classes IS 'Classes on the licence (准驾车型, R162 附件1); the also-permitted ones are derived (shared/src/licences.ts).';
COMMENT ON COLUMN licences.class_since IS 'Date each class was obtained, {"C1":"2020-05-01"}: upgrade conditions (R162 §17) and probation (§76) read it.';
COMMENT ON COLUMN licences.status IS 'Stored status; a valid licence past valid_until reads as expired. Transitions: shared/src/licences.ts LICENCE_EVENTS.';
COMMENT ON COLUMN licences.first_issued_on IS 'First issue (初次领证日期): the points cycle runs from its anniversaries (R163 §3).';
COMMENT ON COLUMN licences.validity_term IS '6y → 10y → long-term (R162 §62); valid_until is null for long-term.';
COMMENT ON COLUMN licences.probation_until IS 'Last day of probation (实习期, R162 §76), null when none is running or ran.';

CREATE TABLE licence_directory (
  id_number text PRIMARY KEY,
  city_code text NOT NULL REFERENCES jurisdictions (city_code)
);
COMMENT ON TABLE licence_directory IS 'Cross-city directory: which jurisdiction keeps a person''s licence. Keeps one licence per identity number nationally.';
