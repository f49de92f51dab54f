-- The call-back sample is drawn once per city and Beijing day: the job marks the day in the same
-- transaction as its call-backs, so a night the server was down is caught up by the next run
-- (it samples every recent day not marked) and no day is ever sampled twice (service.service.ts).

CREATE TABLE callback_sample_days (
  city_code  text NOT NULL REFERENCES jurisdictions (city_code),
  day        date NOT NULL,
  opened     integer NOT NULL CHECK (opened >= 0),
  sampled_at timestamptz NOT NULL,
  PRIMARY KEY (city_code, day)
);
COMMENT ON TABLE callback_sample_days IS 'The Beijing days whose completed applications have had their daily call-back sample drawn, per city; a day is drawn only while it has no row.';
COMMENT ON COLUMN callback_sample_days.day IS 'The Beijing day of completion the sample was drawn from.';
COMMENT ON COLUMN callback_sample_days.opened IS 'How many call-backs the sample opened for the day.';
COMMENT ON COLUMN callback_sample_days.sampled_at IS 'When the sample was drawn (a late one catches up a night the job did not run).';
