-- Vehicles migrated seized or stolen (POST /imports/vehicles, the demo registry) got the status
-- without its flag record, so the police could not lift it (R164 §76: business resumes after
-- recovery). Each such vehicle now has the legacy registry's flag on record, with the status its
-- mortgage says it had before; and an active flag whose recorded earlier status is itself a flag
-- (set on such a vehicle before this fix) gives back that status instead. The import writes these
-- records from now on (vehicles.repository.ts insertVehicles).

INSERT INTO vehicle_flags (city_code, vehicle_id, vin, flag, reason, authority, status_before, set_by, set_at)
SELECT v.city_code, v.id, v.vin, v.status,
       '迁入时原机动车登记系统已记录该状态 / status recorded by the legacy registry at migration',
       '原机动车登记系统',
       CASE WHEN m.vehicle_id IS NULL THEN 'normal' ELSE 'mortgaged' END,
       '数据迁移', now()
FROM vehicles v
LEFT JOIN mortgages m
  ON m.city_code = v.city_code AND m.vehicle_id = v.id AND m.released_on IS NULL
WHERE v.status IN ('seized', 'stolen')
  AND NOT EXISTS (
    SELECT 1 FROM vehicle_flags f
    WHERE f.city_code = v.city_code AND f.vin = v.vin AND f.flag = v.status AND f.lifted_at IS NULL
  );

UPDATE vehicle_flags f
SET status_before = CASE
  WHEN EXISTS (
    SELECT 1 FROM mortgages m
    WHERE m.city_code = f.city_code AND m.vehicle_id = f.vehicle_id AND m.released_on IS NULL
  ) THEN 'mortgaged'
  ELSE 'normal'
END
WHERE f.lifted_at IS NULL AND f.status_before IN ('seized', 'stolen', 'deregistered');
