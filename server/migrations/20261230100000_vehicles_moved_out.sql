-- A vehicle moved out of the jurisdiction (转出, R164 §18) belongs to the destination office: the
-- business on it here is refused, and its registry read says where it went. The move is kept on
-- the vehicle's row, which every read of one vehicle (a 行驶证 reissue's included) reads anyway,
-- so that no read has to look for it in the vehicle's file. Moves made before are taken from the
-- file (the latest 'moved-out' event of each vehicle). No CHECK: one is re-read by every statement
-- that writes the table.

ALTER TABLE vehicles
  ADD COLUMN moved_out_to text,
  ADD COLUMN moved_out_on date;

UPDATE vehicles v
   SET moved_out_to = e.details ->> 'value',
       moved_out_on = (e.at AT TIME ZONE 'Asia/Shanghai')::date
  FROM (SELECT DISTINCT ON (city_code, vin) city_code, vin, details, at
          FROM vehicle_events
         WHERE event = 'moved-out'
         ORDER BY city_code, vin, at DESC) e
 WHERE v.city_code = e.city_code AND v.vin = e.vin;

COMMENT ON COLUMN vehicles.moved_out_to IS
  'The city (GB/T 2260 code) the vehicle moved out to (转出, R164 §18), whose office now holds its file; null while it stays.';
COMMENT ON COLUMN vehicles.moved_out_on IS
  'The day (Asia/Shanghai) of its move out of the jurisdiction; null while it stays.';
