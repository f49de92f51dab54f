-- Measures of anti-fraud cases (issue 11): a hold on a person's substitute violation handling
-- (暂停代为处理). The hold is business like any other: it is the effect of an application of
-- type violation.substitute-hold submitted by the detachment for a case, and violation handling
-- refuses a held person's handling of a vehicle they do not own, citing R163 §30.

CREATE TABLE substitute_holds (
  city_code text NOT NULL,
  id_number text NOT NULL,
  application_id uuid NOT NULL,
  case_id uuid NOT NULL,
  reason text NOT NULL,
  since timestamptz NOT NULL,
  PRIMARY KEY (city_code, id_number)
);
COMMENT ON TABLE substitute_holds IS 'Persons whose substitute violation handling (points for a vehicle they do not own) is held by an anti-fraud case; one active hold per person and city.';
COMMENT ON COLUMN substitute_holds.city_code IS 'The city that holds the person.';
COMMENT ON COLUMN substitute_holds.id_number IS 'The held person''s identity number.';
COMMENT ON COLUMN substitute_holds.application_id IS 'The violation.substitute-hold application whose effect the hold is.';
COMMENT ON COLUMN substitute_holds.case_id IS 'The anti-fraud case the measure serves.';
COMMENT ON COLUMN substitute_holds.reason IS 'Why, as the supervisor wrote it.';
COMMENT ON COLUMN substitute_holds.since IS 'When the hold took effect.';
