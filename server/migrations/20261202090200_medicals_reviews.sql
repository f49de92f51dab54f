-- Medical certificates from hospitals (警医, R162 §85) and licence reviews (审验, R162 §§72–73).

CREATE TABLE medical_certificates (
  city_code            text NOT NULL REFERENCES jurisdictions (city_code),
  certificate_no       text NOT NULL,
  id_number            text NOT NULL,
  name                 text NOT NULL,
  examined_on          date NOT NULL,
  conclusion           text NOT NULL CHECK (conclusion IN ('fit', 'unfit')),
  classes              text[],
  valid_until          date NOT NULL,
  outlet_code          text NOT NULL REFERENCES outlets (code),
  recorded_by          bigint REFERENCES users (id),
  channel              text NOT NULL CHECK (channel IN ('window', 'social', 'internet', 'api')),
  recorded_at          timestamptz NOT NULL,
  used_application_id  uuid,
  used_on              date,
  PRIMARY KEY (city_code, certificate_no)
);
CREATE INDEX medical_certificates_person ON medical_certificates (city_code, id_number, examined_on DESC);
CREATE SEQUENCE medical_certificate_serial;
COMMENT ON TABLE medical_certificates IS 'Driver medical certificates (机动车驾驶人身体条件证明) sent by hospital exam points: who examined whom, where, when; valid for a policy number of months (R162 §85).';
COMMENT ON COLUMN medical_certificates.classes IS 'Classes the person is fit for, when the hospital names them; null means every class applied for.';
COMMENT ON COLUMN medical_certificates.used_application_id IS 'The renewal or application that used the certificate: one certificate serves one business.';

CREATE TABLE licence_reviews (
  city_code      text NOT NULL REFERENCES jurisdictions (city_code),
  id             bigserial,
  id_number      text NOT NULL,
  cycle_start    date NOT NULL,
  reviewed_on    date NOT NULL,
  application_id uuid NOT NULL,
  outlet_code    text NOT NULL REFERENCES outlets (code),
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, id_number, cycle_start)
);
COMMENT ON TABLE licence_reviews IS 'Licence reviews (审验, R162 §72): A/B-class holders after each cycle with points; cycle_start names the cycle reviewed.';
