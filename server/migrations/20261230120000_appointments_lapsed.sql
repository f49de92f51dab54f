-- An appointment whose day has passed no longer holds its person's place (one active appointment
-- per person and business type). The booking of a new one marks such rows 'lapsed' in its own
-- transaction, under the person's lock and before its insert, so the partial unique index
-- appointments_one_active (WHERE status = 'active') stays the guard against two bookings racing,
-- and never blocks a booking after the day.

ALTER TABLE appointments DROP CONSTRAINT appointments_status_check;
ALTER TABLE appointments ADD CONSTRAINT appointments_status_check
  CHECK (status IN ('active', 'cancelled', 'lapsed'));
COMMENT ON COLUMN appointments.status IS 'active: booked for its day; cancelled: by its holder (cancelled_at); lapsed: its day passed while active, set when the person next books the same business type. An active row of a day before today (Asia/Shanghai) counts as lapsed until then.';
