-- Three indexes that no query reads, each written with the rows of the write path:
-- * documents_application (application_id, city): nothing reads an application's documents by
--   it (a document is found by number, by subject, or by its token's city and id), and the
--   foreign key it would serve, on deleting or re-keying an application, never runs: applications
--   are kept and their keys never change. 1.6 entries per mixed application.
-- * vehicle_events_plate (city, plate): a vehicle's events are read by VIN (its file); none by
--   plate. An entry for every registry change that names a plate.
-- * temp_plates_city_vin (city, VIN, purpose): the reads by VIN and purpose, in a city or in any
--   (the law counts a vehicle's temporary plates wherever issued), both use temp_plates_vin
--   (VIN, purpose), whose VIN finds a handful of rows.
DROP INDEX documents_application;
DROP INDEX vehicle_events_plate;
DROP INDEX temp_plates_city_vin;
