-- Real-name registration is an oracle on the registries (is this identity number in one, is this
-- its holder's name): each attempt that gets past the SMS code is counted per identity number, so
-- that guessing one person's name from many phones is limited too (citizens.service.ts).

CREATE TABLE registration_attempts (
  id_number text PRIMARY KEY,
  first_at  timestamptz NOT NULL,
  attempts  integer NOT NULL
);
COMMENT ON TABLE registration_attempts IS 'Real-name registration attempts per identity number in the current window (citizens.service.ts REGISTRATION_WINDOW_MS), from any phone.';
COMMENT ON COLUMN registration_attempts.first_at IS 'The first attempt of the current window; the window starts again with the first attempt after it has passed.';
COMMENT ON COLUMN registration_attempts.attempts IS 'Attempts made in the current window, never more than the limit (an attempt refused by the limit is not counted).';

COMMENT ON TABLE sms_codes IS 'The latest SMS code sent to a phone (hashed), its expiry and the attempts made with it (every registration attempt counts, right or wrong); one row per phone.';
