-- Secondary indexes found by a selective column (a plate, an identity number, an outlet, an
-- application) put it first and the jurisdiction last. Every query of these indexes gives both
-- by equality, so the order of the two does not change what a scan reads; but in a city's
-- database (and in each shard of a distributed one) city_code is one value, and a btree build
-- that sorts on a constant first column cannot use abbreviated keys: every comparison goes to
-- both rows' second column. On the generated city-year, violations_plate built in 22.0 s with
-- city_code first and 11.0 s with it last, point_entries_driver 13.3 s and 7.9 s
-- (docs/BENCHMARKS.md). Primary keys stay led by city_code (the key-shape rule, DESIGN.md
-- "Storage"), and indexes read by city and time range keep it first, as a province's database
-- holds several cities.
DROP INDEX violations_plate;
CREATE INDEX violations_plate ON violations (plate, occurred_at DESC, id DESC, city_code);
COMMENT ON INDEX violations_plate IS
  'A vehicle''s violations, newest first (by plate; the city last, as it is one value per city).';

DROP INDEX violations_driver;
CREATE INDEX violations_driver ON violations (handled_by, occurred_at DESC, id DESC, city_code)
  WHERE handled_by IS NOT NULL;
COMMENT ON INDEX violations_driver IS
  'The violations a driver handled, newest first (by identity number; the city last).';

DROP INDEX point_entries_driver;
CREATE INDEX point_entries_driver ON point_entries (id_number, recorded_on, id, city_code)
  INCLUDE (kind, points, fine_settled_on);
COMMENT ON INDEX point_entries_driver IS
  'A holder''s points ledger in its order, read index-only by the cycle (by identity number; the city last).';

DROP INDEX applications_outlet_time;
CREATE INDEX applications_outlet_time ON applications (outlet_code, submitted_at DESC, id DESC, city_code);
COMMENT ON INDEX applications_outlet_time IS
  'An outlet''s applications, newest first: its clerks'' list and supervision by outlet (the city last).';

DROP INDEX applications_county_time;
CREATE INDEX applications_county_time ON applications (county_code, submitted_at DESC, id DESC, city_code);
COMMENT ON INDEX applications_county_time IS
  'A county''s applications, newest first: the county supervisor''s list (a county code names its city).';

DROP INDEX applications_applicant;
CREATE INDEX applications_applicant ON applications (applicant_id_number, city_code);
COMMENT ON INDEX applications_applicant IS
  'A person''s applications (by identity number; the city last).';

DROP INDEX applications_data_plate;
CREATE INDEX applications_data_plate ON applications ((data ->> 'plate'), city_code)
  WHERE data ? 'plate';
COMMENT ON INDEX applications_data_plate IS
  'Applications naming a plate: a vehicle''s business history (the city last).';

DROP INDEX applications_data_vin;
CREATE INDEX applications_data_vin ON applications ((data ->> 'vin'), city_code)
  WHERE data ? 'vin';
COMMENT ON INDEX applications_data_vin IS
  'Applications naming a VIN: a vehicle''s business history before its plate (the city last).';

DROP INDEX documents_application;
CREATE INDEX documents_application ON documents (application_id, city_code);
COMMENT ON INDEX documents_application IS 'An application''s documents (the city last).';

DROP INDEX documents_subject;
CREATE INDEX documents_subject ON documents (subject, issued_at, city_code);
COMMENT ON INDEX documents_subject IS
  'The documents of a vehicle or person, in the order issued (by VIN or identity number; the city last).';

DROP INDEX documents_kind_number;
CREATE UNIQUE INDEX documents_kind_number ON documents (number, kind, city_code)
  WHERE kind <> 'plate' OR status = 'valid';
COMMENT ON INDEX documents_kind_number IS
  'A document''s number is unique in its city and kind; a plate number only among valid plates, as numbers return to selection.';

DROP INDEX licences_county;
CREATE INDEX licences_county ON licences (county_code, id_number, city_code);
COMMENT ON INDEX licences_county IS
  'A county''s licences by identity number: the county''s list (a county code names its city).';

DROP INDEX vehicles_owner;
CREATE INDEX vehicles_owner ON vehicles (owner_id_number, city_code);
COMMENT ON INDEX vehicles_owner IS 'An owner''s vehicles (by identity number; the city last).';

DROP INDEX exam_candidates_person;
CREATE INDEX exam_candidates_person ON exam_candidates (id_number, accepted_at, city_code);
COMMENT ON INDEX exam_candidates_person IS
  'A person''s exam applications in the order accepted (by identity number; the city last).';
