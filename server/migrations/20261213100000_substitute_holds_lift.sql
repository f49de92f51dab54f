-- A hold on a person's substitute handling (暂停代为处理) could not end: nothing lifted it, and
-- its key (one row per person and city) left no room for a later hold after one ended. A hold is
-- now lifted by the detachment through its case (POST /cases/{id}/measures/{applicationId}/lift)
-- or ends when its case is closed; a lifted hold stays as the record of what was in force when.
ALTER TABLE substitute_holds
  ADD COLUMN lifted_at timestamptz,
  ADD COLUMN lifted_by text,
  ADD COLUMN lift_reason text,
  ADD CONSTRAINT substitute_holds_lift_check
    CHECK ((lifted_at IS NULL) = (lifted_by IS NULL) AND (lifted_at IS NULL) = (lift_reason IS NULL));
ALTER TABLE substitute_holds DROP CONSTRAINT substitute_holds_pkey;
ALTER TABLE substitute_holds ADD PRIMARY KEY (city_code, application_id);
CREATE UNIQUE INDEX substitute_holds_standing ON substitute_holds (city_code, id_number)
  WHERE lifted_at IS NULL;
COMMENT ON INDEX substitute_holds_standing IS 'At most one standing hold per person and city: the one violation.handle looks up.';
COMMENT ON COLUMN substitute_holds.lifted_at IS 'When the hold ended (lifted through its case, or its case closed); null while it stands.';
COMMENT ON COLUMN substitute_holds.lifted_by IS 'Who lifted it or closed its case.';
COMMENT ON COLUMN substitute_holds.lift_reason IS 'Why, as the supervisor wrote it, or the closing of the case.';
COMMENT ON TABLE substitute_holds IS 'Holds on persons'' substitute violation handling (points for a vehicle they do not own) taken by anti-fraud cases; at most one standing per person and city, lifted ones kept.';
