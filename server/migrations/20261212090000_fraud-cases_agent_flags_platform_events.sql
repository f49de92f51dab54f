-- Anti-fraud casework (issue 11), second part.
--
-- 1. A review flag on an agent (代办人审核标记): the effect of an application of type
--    agent.review-flag that the detachment submits for a case. While it stands (from its day to
--    its last day, unless lifted), the pipeline refuses applications naming the person as agent,
--    citing the article on agency of the business (R164 §86, R162 §105).
-- 2. The evidence graph also reads the platform's own business: violation handlings and
--    applications with an agent done on the platform, as two more event sources.

ALTER TABLE business_types DROP CONSTRAINT business_types_subject_check;
ALTER TABLE business_types ADD CONSTRAINT business_types_subject_check
  CHECK (subject IN ('vehicle', 'licence', 'violation', 'person'));
COMMENT ON COLUMN business_types.subject IS 'What the business is about: a vehicle, a licence, a violation, or a person (a measure on someone acting for others).';

CREATE TABLE agent_review_flags (
  city_code text NOT NULL,
  application_id uuid NOT NULL,
  id_number text NOT NULL,
  case_id uuid NOT NULL,
  reason text NOT NULL,
  valid_from date NOT NULL,
  valid_until date NOT NULL,
  created_at timestamptz NOT NULL,
  lifted_at timestamptz,
  lifted_by text,
  lift_reason text,
  PRIMARY KEY (city_code, application_id),
  CHECK (valid_from <= valid_until),
  CHECK ((lifted_at IS NULL) = (lifted_by IS NULL))
);
CREATE INDEX agent_review_flags_person ON agent_review_flags (city_code, id_number, valid_until)
  WHERE lifted_at IS NULL;
COMMENT ON TABLE agent_review_flags IS 'Review flags on agents (代办人审核标记), measures of anti-fraud cases: while one stands, applications naming the person as agent are refused.';
COMMENT ON COLUMN agent_review_flags.city_code IS 'The city whose detachment flagged the person.';
COMMENT ON COLUMN agent_review_flags.application_id IS 'The agent.review-flag application whose effect the flag is.';
COMMENT ON COLUMN agent_review_flags.id_number IS 'The flagged person''s identity number (as agent).';
COMMENT ON COLUMN agent_review_flags.case_id IS 'The anti-fraud case the measure serves.';
COMMENT ON COLUMN agent_review_flags.reason IS 'Why, as the supervisor wrote it.';
COMMENT ON COLUMN agent_review_flags.valid_from IS 'First day the flag stands (Beijing date of the decision).';
COMMENT ON COLUMN agent_review_flags.valid_until IS 'Last day the flag stands, inclusive.';
COMMENT ON COLUMN agent_review_flags.created_at IS 'When the flag took effect.';
COMMENT ON COLUMN agent_review_flags.lifted_at IS 'When the detachment lifted the flag before its last day; null while it stands.';
COMMENT ON COLUMN agent_review_flags.lifted_by IS 'The username of who lifted it.';
COMMENT ON COLUMN agent_review_flags.lift_reason IS 'Why it was lifted, as the supervisor wrote it.';

ALTER TABLE fraud_events DROP CONSTRAINT fraud_events_source_check;
ALTER TABLE fraud_events ADD CONSTRAINT fraud_events_source_check
  CHECK (source IN ('legacy-handling', 'legacy-application', 'platform-handling', 'platform-application'));
COMMENT ON COLUMN fraud_events.source IS 'Where the event was read: legacy-handling (imported violation handlings), legacy-application (imported applications history), platform-handling (violation.handle completed on the platform) or platform-application (an application with an agent on the platform).';

-- Databases created before this release: the city office of every jurisdiction takes the new
-- measure, as the default grants give it to a new one (delegation/default-grants.ts). The catalog
-- row is written here first (grants refer to it); the start's catalog sync keeps it current.
INSERT INTO business_types (code, name_zh, name_en, subject, sla_working_days, agent_allowed, legal_basis, implemented)
VALUES ('agent.review-flag', '代办人审核标记（措施）', 'Review flag on an agent (measure)', 'person', 0, false,
        '机动车登记规定 第八十六条；机动车驾驶证申领和使用规定 第一百零五条', true)
ON CONFLICT (code) DO NOTHING;
INSERT INTO grants (city_code, business_type, outlet_category, effect, created_by)
SELECT city_code, 'agent.review-flag', 'city-office', 'allow', 'system' FROM jurisdictions
ON CONFLICT (city_code, business_type, outlet_category) WHERE outlet_category IS NOT NULL DO NOTHING;
