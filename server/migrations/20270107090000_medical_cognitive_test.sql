-- R162 §14(二)9 as rewritten by R172: an applicant of 70 or more for C1, C2, C5 or F also passes a
-- memory, judgment and reaction test (记忆力、判断力、反应力测试). The hospital exam point that
-- examines the applicant records its result on the medical certificate; licence.apply asks it.

ALTER TABLE medical_certificates
  ADD COLUMN cognitive_test text CHECK (cognitive_test IN ('pass', 'fail'));
COMMENT ON COLUMN medical_certificates.cognitive_test IS 'The memory, judgment and reaction test (记忆力、判断力、反应力测试, R162 §14(二)9 as amended by R172) taken with the medical: pass or fail; null when none was taken (needed for a C1/C2/C5/F application at 70 or more).';
