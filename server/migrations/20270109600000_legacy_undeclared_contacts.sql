-- Anti-fraud finds agents who never declare themselves by the contact they give for their
-- customers (antifraud/undeclared.ts): every run counts, over its 365-day window, the distinct
-- applicants of each applicant phone and of each own online device in the legacy business
-- without an agent (history.repository.ts legacyUndeclaredRows, GROUP BY contact HAVING count ≥
-- the policy's least number of applicants), then reads the lines of the contacts that pass.
-- No existing index is ordered by contact: the count would sort the city-year's five million
-- lines each run. Ordered by contact and holding the applicant and instant, these are read
-- through in contact order (an index-only scan feeding a group aggregate, no sort of the table),
-- and the lines of the few shared contacts are found by key.
CREATE INDEX legacy_applications_undeclared_phone
  ON legacy_applications (city_code, applicant_phone, submitted_at) INCLUDE (applicant_id_number)
  WHERE agent IS NULL AND applicant_phone IS NOT NULL;
COMMENT ON INDEX legacy_applications_undeclared_phone IS 'A city''s legacy business without an agent by applicant phone: anti-fraud counts the applicants giving each phone (undeclared agents).';
CREATE INDEX legacy_applications_undeclared_device
  ON legacy_applications (city_code, device_id, submitted_at) INCLUDE (applicant_id_number)
  WHERE agent IS NULL AND device_id IS NOT NULL AND channel IN ('internet', 'api');
COMMENT ON INDEX legacy_applications_undeclared_device IS 'A city''s online legacy business without an agent by own device: anti-fraud counts the applicants using each device (undeclared agents).';
