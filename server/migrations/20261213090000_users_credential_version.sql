-- A login token is signed and stateless: until now a password reset (or a deactivation followed
-- by a reactivation) left every token issued before it valid until it expired, up to 12 hours.
-- Each token now carries the account's credential version, and a token whose version is not the
-- account's current one is refused; a reset or a change of `active` moves the version on.
ALTER TABLE users ADD COLUMN credential_version integer NOT NULL DEFAULT 0;
COMMENT ON COLUMN users.credential_version IS 'Moved on by a password reset and by deactivation or reactivation; a login token carries the version it was issued under and is refused once it differs, so such a change ends every earlier session.';
