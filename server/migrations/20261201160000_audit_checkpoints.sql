-- Signed checkpoints of the audit log (in the manner of Certificate Transparency): each one
-- states every chain's head and the Merkle root of the records added since the one before,
-- signed with a key the database does not hold, and is published outside the database. A
-- database administrator who rewrites records and recomputes the chain hashes no longer agrees
-- with a published checkpoint.

CREATE TABLE audit_checkpoints (
  id         bigint PRIMARY KEY,
  at         timestamptz NOT NULL,
  body       jsonb NOT NULL,
  signature  text NOT NULL
);
COMMENT ON TABLE audit_checkpoints IS 'Signed audit checkpoints (body = the signed statement, Ed25519 signature in base64); the published copies outside the database are the trust anchor.';

CREATE TABLE audit_checkpoint_chains (
  checkpoint_id  bigint NOT NULL REFERENCES audit_checkpoints (id),
  city_code      text NOT NULL,
  partition_key  text NOT NULL,
  from_seq       bigint NOT NULL,
  to_seq         bigint NOT NULL,
  PRIMARY KEY (checkpoint_id, city_code, partition_key)
);
COMMENT ON TABLE audit_checkpoint_chains IS 'The records of each chain a checkpoint''s batch covers (from_seq..to_seq), to rebuild its Merkle tree for inclusion proofs.';

CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_checkpoint_chains_no_update BEFORE UPDATE OR DELETE ON audit_checkpoint_chains
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate();

-- The audit record of an application's step, found from a printed document.
CREATE INDEX audit_log_application ON audit_log (city_code, (details ->> 'applicationId'), at)
  WHERE details ? 'applicationId';
