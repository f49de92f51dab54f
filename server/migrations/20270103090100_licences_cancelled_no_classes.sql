-- A full score in probation cancels the probationary classes (R162 §80). `classes` is what the
-- licence permits (CONTRACT.md's licence object): a cancelled class leaves it, so a licence whose
-- only class was cancelled, itself cancelled then, has none. Until now the check kept such a
-- licence listing the class it had lost (while a licence that kept another class dropped it).

ALTER TABLE licences DROP CONSTRAINT licences_classes_check;
ALTER TABLE licences ADD CONSTRAINT licences_classes_check
  CHECK (cardinality(classes) > 0 OR status = 'cancelled');

-- The licences already cancelled that way: the only cancellation the registry stores, which
-- emptied class_since and left the lost class in classes.
UPDATE licences
SET classes = '{}', updated_at = now()
WHERE status = 'cancelled'
  AND class_since = '{}'::jsonb;

COMMENT ON COLUMN licences.classes IS 'Classes the licence permits (准驾车型, R162 附件1); the also-permitted ones are derived (shared/src/licences.ts). Empty only on a licence cancelled because its every class was (R162 §80).';
