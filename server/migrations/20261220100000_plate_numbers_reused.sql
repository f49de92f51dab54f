-- A plate number goes back to selection once no vehicle carries it and nobody holds it
-- (vehicles/plates.repository.ts: a transfer with a new number, a deregistration, a lapsed
-- retention), so over the years one number is printed on the plates of several vehicles. The
-- unique key on every document's number made the plate document of a number's second vehicle a
-- unique violation, and its registration or transfer an internal error. The earlier plates are
-- void by then (the transfer or deregistration that freed the number voided them): a plate's
-- number is unique among the valid plates; every other document's number, serial or given, stays
-- unique for ever.
ALTER TABLE documents DROP CONSTRAINT documents_city_code_kind_number_key;
CREATE UNIQUE INDEX documents_kind_number ON documents (city_code, kind, number)
  WHERE kind <> 'plate' OR status = 'valid';
COMMENT ON INDEX documents_kind_number IS
  'A document''s number is unique in its city and kind; a plate number only among valid plates, as numbers return to selection.';
