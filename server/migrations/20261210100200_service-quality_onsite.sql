-- Supervision turns suspicious internet business to on-site handling (R164 §74(五); issue #12
-- item 2): a supervisor may require a person's internet applications of a business type to be
-- made at a window for a period; the pipeline then refuses them online.
CREATE TABLE onsite_requirements (
  city_code     text NOT NULL REFERENCES jurisdictions (city_code),
  id            uuid NOT NULL,
  id_number     text NOT NULL,
  business_type text NOT NULL REFERENCES business_types (code),
  valid_from    date NOT NULL,
  valid_until   date NOT NULL CHECK (valid_until >= valid_from),
  reason        text NOT NULL,
  created_by    bigint NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (city_code, id)
);
CREATE INDEX onsite_requirements_person ON onsite_requirements (city_code, id_number, business_type, valid_until);
COMMENT ON TABLE onsite_requirements IS 'Persons whose internet applications of a business type must be made on site for a period (机动车登记规定 第七十四条第五项): the pipeline refuses them on the internet channel with a 1331 item.';
COMMENT ON COLUMN onsite_requirements.city_code IS 'The jurisdiction (city) whose supervisor required it.';
COMMENT ON COLUMN onsite_requirements.id IS 'The requirement.';
COMMENT ON COLUMN onsite_requirements.id_number IS 'The person (applicant identity number) it applies to.';
COMMENT ON COLUMN onsite_requirements.business_type IS 'The business type that must be done on site.';
COMMENT ON COLUMN onsite_requirements.valid_from IS 'First day (Beijing) it applies.';
COMMENT ON COLUMN onsite_requirements.valid_until IS 'Last day (Beijing) it applies.';
COMMENT ON COLUMN onsite_requirements.reason IS 'Why supervision required it (not shown to the person).';
COMMENT ON COLUMN onsite_requirements.created_by IS 'The supervisor who required it.';
COMMENT ON COLUMN onsite_requirements.created_at IS 'When it was required.';
