-- Login throttling kept in the database, so a restart does not clear it: failures per account
-- and per address with growing back-off, and the addresses each account has logged in from, so
-- that an address throttled by someone else's guessing does not lock out its known users.

CREATE TABLE login_throttle (
  key              text PRIMARY KEY,
  failures         integer NOT NULL CHECK (failures > 0),
  last_failure_at  timestamptz NOT NULL,
  blocked_until    timestamptz
);
COMMENT ON TABLE login_throttle IS 'Recent failed logins by key: ''account:<username>'' or ''address:<ip>''; blocked_until is the back-off.';

CREATE TABLE login_known_addresses (
  username         text NOT NULL,
  address          text NOT NULL,
  last_success_at  timestamptz NOT NULL,
  PRIMARY KEY (username, address)
);
COMMENT ON TABLE login_known_addresses IS 'Where each account last logged in successfully: an address throttle does not stop an account known there.';

-- The audit log refuses TRUNCATE as it refuses UPDATE and DELETE (the hash chain and the signed
-- checkpoints catch what is done below SQL).
CREATE FUNCTION audit_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log cannot be truncated';
END $$;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate();
CREATE TRIGGER audit_heads_no_truncate BEFORE TRUNCATE ON audit_heads
  FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate();
COMMENT ON FUNCTION audit_no_truncate() IS 'Refuses TRUNCATE of audit_log and audit_heads.';
