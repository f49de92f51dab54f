-- The learner permit is valid 3 years (R162 §41): calendar months, to the day before the same day
-- (as probation's 12 months are), not 1095 days, which lose a leap day. The policy key
-- learner-permit.valid-days becomes learner-permit.valid-months; every version of the old key, the
-- national one and a city's own, is carried over with its effective date, so a decision keeps the
-- value in force on its day and no row is left under a key the code no longer knows. Days are
-- rounded to whole months (1095 → 36); a value that is not a number was never in force (the key's
-- schema ignored it) and is dropped.

UPDATE policy_values
SET key = 'learner-permit.valid-months',
    value = to_jsonb(greatest(1, round((value #>> '{}')::numeric * 12 / 365.25))::int),
    note = CASE WHEN note = '' THEN '由有效天数换算为月数' ELSE note || '（由有效天数换算为月数）' END
WHERE key = 'learner-permit.valid-days'
  AND jsonb_typeof(value) = 'number';

DELETE FROM policy_values WHERE key = 'learner-permit.valid-days';
