-- Registration attempts were counted per identity number from any phone, so anyone with a phone
-- of their own could use up a person's 5 attempts a day with wrong names and lock the person out
-- of registering. They are counted now per phone (on any identity number) and per identity number
-- and phone: a phone is one the requester proved with its SMS code, so nobody spends the attempts
-- of the holder's own phone but the holder (citizens.service.ts). The counts of the old key are
-- dropped: they are a day's at most.

DELETE FROM registration_attempts;
ALTER TABLE registration_attempts RENAME COLUMN id_number TO subject;
COMMENT ON TABLE registration_attempts IS 'Real-name registration attempts made past the SMS code in the current window (citizens.service.ts REGISTRATION_WINDOW_MS), per phone and per identity number and phone.';
COMMENT ON COLUMN registration_attempts.subject IS 'What is counted: `phone:<phone>` (attempts from one phone, on any identity number) or `pair:<identity number>|<phone>` (attempts on one identity number from one phone).';
