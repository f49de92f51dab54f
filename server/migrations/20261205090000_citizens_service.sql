-- Issue 12: the internet channel (citizen accounts, bindings, appointments) and service quality
-- (ratings, call-backs, roster draws).

-- 1. A citizen account is a user with role citizen: username = phone, and the identity number as
--    a second login name (unique nationally, like the username).

ALTER TABLE users ADD COLUMN id_number text UNIQUE;
COMMENT ON COLUMN users.id_number IS 'Citizen accounts only: the holder''s identity number, a second login name besides the phone (username); null for staff.';

CREATE TABLE citizens (
  city_code  text NOT NULL REFERENCES jurisdictions (city_code),
  user_id    bigint NOT NULL REFERENCES users (id),
  id_number  text NOT NULL,
  name       text NOT NULL,
  phone      text NOT NULL,
  matched_in text NOT NULL CHECK (matched_in IN ('licence', 'vehicle')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (city_code, user_id),
  UNIQUE (city_code, id_number)
);
COMMENT ON TABLE citizens IS 'Real-name internet accounts: identity number and name matched against the licence or vehicle registry of the city, phone checked by SMS code.';
COMMENT ON COLUMN citizens.matched_in IS 'The registry the identity number and name were matched in at registration.';

CREATE TABLE sms_codes (
  phone      text PRIMARY KEY,
  code_hash  text NOT NULL,
  sent_at    timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  attempts   integer NOT NULL DEFAULT 0
);
COMMENT ON TABLE sms_codes IS 'The latest SMS code sent to a phone (hashed), its expiry and wrong attempts; one row per phone.';

CREATE TABLE citizen_vehicles (
  city_code text NOT NULL REFERENCES jurisdictions (city_code),
  user_id   bigint NOT NULL,
  plate     text NOT NULL,
  own       boolean NOT NULL,
  bound_at  timestamptz NOT NULL,
  PRIMARY KEY (city_code, user_id, plate),
  FOREIGN KEY (city_code, user_id) REFERENCES citizens (city_code, user_id)
);
CREATE INDEX citizen_vehicles_plate ON citizen_vehicles (city_code, plate);
COMMENT ON TABLE citizen_vehicles IS 'Vehicles bound to a citizen account (12123 caps: non-own vehicles per account and accounts per vehicle are policy values).';
COMMENT ON COLUMN citizen_vehicles.own IS 'Whether the account holder owned the vehicle in the registry when it was bound.';

CREATE TABLE appointments (
  city_code     text NOT NULL REFERENCES jurisdictions (city_code),
  id            uuid NOT NULL,
  user_id       bigint NOT NULL,
  id_number     text NOT NULL,
  outlet_code   text NOT NULL REFERENCES outlets (code),
  business_type text NOT NULL REFERENCES business_types (code),
  day           date NOT NULL,
  slot          text NOT NULL,
  status        text NOT NULL CHECK (status IN ('active', 'cancelled')),
  created_at    timestamptz NOT NULL,
  cancelled_at  timestamptz,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, user_id) REFERENCES citizens (city_code, user_id)
);
CREATE UNIQUE INDEX appointments_one_active ON appointments (city_code, id_number, business_type)
  WHERE status = 'active';
CREATE INDEX appointments_slot ON appointments (city_code, outlet_code, day, slot) WHERE status = 'active';
CREATE INDEX appointments_booked ON appointments (city_code, user_id, created_at);
COMMENT ON TABLE appointments IS 'Appointments of citizens at an outlet''s window or exam desk: one active per person and business type, slots with capacity from the outlet''s hours.';

-- 2. Service quality.

CREATE TABLE ratings (
  city_code      text NOT NULL REFERENCES jurisdictions (city_code),
  application_id uuid NOT NULL,
  outlet_code    text NOT NULL REFERENCES outlets (code),
  score          integer NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment        text,
  source         text NOT NULL CHECK (source IN ('citizen', 'device')),
  rated_by       bigint NOT NULL REFERENCES users (id),
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (city_code, application_id),
  FOREIGN KEY (city_code, application_id) REFERENCES applications (city_code, id)
);
COMMENT ON TABLE ratings IS 'Ratings (好差评) of finished applications, one per application: by the applicant online or at the window''s rating device.';

CREATE TABLE callbacks (
  city_code      text NOT NULL REFERENCES jurisdictions (city_code),
  id             uuid NOT NULL,
  application_id uuid NOT NULL,
  outlet_code    text NOT NULL REFERENCES outlets (code),
  county_code    text NOT NULL,
  reason         text NOT NULL CHECK (reason IN ('rating', 'sample')),
  due_at         timestamptz NOT NULL,
  status         text NOT NULL CHECK (status IN ('open', 'done')),
  reached        boolean,
  satisfied      boolean,
  note           text,
  done_by        bigint REFERENCES users (id),
  done_at        timestamptz,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, application_id, reason),
  FOREIGN KEY (city_code, application_id) REFERENCES applications (city_code, id)
);
CREATE INDEX callbacks_open ON callbacks (city_code, status, due_at);
COMMENT ON TABLE callbacks IS 'Call-backs (回访): every bad rating, and a daily random sample of completed applications per outlet; the outcome is recorded.';

CREATE TABLE roster_draws (
  city_code   text NOT NULL REFERENCES jurisdictions (city_code),
  id          uuid NOT NULL,
  outlet_code text NOT NULL REFERENCES outlets (code),
  period_from date NOT NULL,
  period_to   date NOT NULL CHECK (period_to >= period_from),
  seed        text NOT NULL,
  frame       jsonb NOT NULL,
  assignments jsonb NOT NULL,
  created_by  bigint NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, outlet_code, period_from, period_to)
);
COMMENT ON TABLE roster_draws IS 'Window rotation (轮岗) draws with their published seed: anyone can recompute the assignments (HMAC-SHA256 of date|staffId keyed by the seed).';

-- 3. The daily call-back sample reads each day's completed applications.
CREATE INDEX applications_completed ON applications (city_code, completed_at) WHERE status = 'completed';
