-- Anti-fraud finds agents who never declare themselves by the phone they give for their
-- customers (antifraud/undeclared.ts): every run counts, over its 365-day window, the distinct
-- applicants of each applicant phone in the platform's applications without an agent
-- (activity.repository.ts undeclaredPhoneRows, GROUP BY phone HAVING count ≥ the policy's least
-- number of applicants), then reads the applications of the phones that pass. No index is
-- ordered by phone: ordered by it and holding the applicant and instant, this one is read
-- through in phone order (no sort of the window), and the few shared phones' rows by key.
CREATE INDEX applications_undeclared_phone
  ON applications (city_code, applicant_phone, submitted_at) INCLUDE (applicant_id_number)
  WHERE agent IS NULL AND applicant_phone IS NOT NULL;
COMMENT ON INDEX applications_undeclared_phone IS 'A city''s applications without an agent by applicant phone: anti-fraud counts the applicants giving each phone (undeclared agents).';
