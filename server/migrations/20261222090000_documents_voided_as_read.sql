-- A step that replaces documents reads the valid ones first (with its other reads) and writes the
-- replacement behind, without waiting for the statement's answer: its numbers are drawn ahead
-- (documents/serials.ts) and the voided numbers are the ones it read. The statement checks that
-- what it voided is what was read: another step that changed the subject's documents in between
-- (one that serialises on another key) makes it fail as a lost race (40001), and the step runs
-- again, reading afresh (applications/races.ts). Nothing is written when it fails.
CREATE FUNCTION documents_voided_as_read(voided text[], read text[]) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(voided, '{}') @> coalesce(read, '{}') AND coalesce(voided, '{}') <@ coalesce(read, '{}') THEN
    RETURN true;
  END IF;
  RAISE EXCEPTION 'documents voided (%) are not those read (%)', voided, read
    USING ERRCODE = 'serialization_failure';
END
$$;
COMMENT ON FUNCTION documents_voided_as_read(text[], text[]) IS
  'True when a step voided exactly the document numbers it read before; otherwise fails with 40001 so the step runs again.';
