-- A licence not renewed within a year after its validity is cancelled (注销, R162 §79 第一款
-- 第八项). Like `expired`, this is read from valid_until on the day (shared/src/licences.ts effectiveLicenceStatus),
-- never written: the law cancels it on that day, and no job has to run for the registry to say so.

COMMENT ON COLUMN licences.status IS 'Stored status; a valid licence past valid_until reads as expired, and more than a year past it as cancelled (R162 §79(八), shared/src/licences.ts effectiveLicenceStatus). Transitions: shared/src/licences.ts LICENCE_EVENTS.';
