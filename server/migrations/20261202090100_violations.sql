-- Violations, fines and the points ledger (R163 = 道路交通安全违法行为记分管理办法; Proc = 道路交通安全
-- 违法行为处理程序规定).
--
-- violation_codes: the code table as policy data with effective dates, national (city_code null)
--   or a city's own version, like policy_values. A record is judged by the version in force on
--   the day it occurred.
-- violations: records from cameras and the legacy platform, with who handled them, where, when
--   and through which channel (supervision and anti-fraud read these columns).
-- point_entries: the points ledger of each licence; the cycle is computed from it
--   (server/src/violations/cycle.ts).
-- full_score_records: each 满分 (R163 §17–§23) with its study days and exams.

CREATE TABLE violation_codes (
  id             bigserial PRIMARY KEY,
  city_code      text REFERENCES jurisdictions (city_code),
  code           text NOT NULL,
  effective_from date NOT NULL,
  description    text NOT NULL,
  description_en text NOT NULL,
  points         integer NOT NULL CHECK (points IN (0, 1, 2, 3, 6, 9, 12)),
  fine_min       numeric(10, 2) NOT NULL CHECK (fine_min >= 0),
  fine_max       numeric(10, 2) NOT NULL CHECK (fine_max >= fine_min),
  category       text CHECK (category IN ('hit-and-run', 'drink-driving', 'forged-documents',
                                          'point-trading', 'education-fraud')),
  legal_basis    text NOT NULL,
  created_by     text NOT NULL DEFAULT 'system',
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (points <> 2 OR effective_from < DATE '2022-04-01')
);
CREATE UNIQUE INDEX violation_codes_version ON violation_codes (code, effective_from, city_code) NULLS NOT DISTINCT;
COMMENT ON TABLE violation_codes IS 'Violation codes (GA/T 16.31 structure) as dated policy data: points, fine range and the R163 §26 category. The version in force on the day of the violation applies.';
COMMENT ON COLUMN violation_codes.points IS 'R163 §§8–12: 12, 9, 6, 3, 1 or 0; 2 only in versions before R163 (2022-04-01).';
COMMENT ON COLUMN violation_codes.category IS 'What R163 §26 excludes from 学法减分 for 3 cycles: hit-and-run, drink driving, forged or another vehicle''s documents, point trading (§30), education fraud (§31).';

-- The national baseline: the representative codes of the R163 reform and the earlier versions of
-- the re-keyed ones (fines are the statutory ranges; a province loads its execution standard as
-- its own versions). Codes marked fixture are placeholders for items whose national code was not
-- found (regulations.md §5 ⚠).
INSERT INTO violation_codes (code, effective_from, description, description_en, points, fine_min, fine_max, category, legal_basis) VALUES
  ('1625',  '2022-04-01', '驾驶机动车违反道路交通信号灯通行的', 'Driving against traffic signal lights', 6, 20, 200, NULL, '道路交通安全违法行为记分管理办法 第十条第八项'),
  ('16250', '2022-04-01', '驾驶机动车违反道路交通信号灯通行的', 'Driving against traffic signal lights', 6, 20, 200, NULL, '道路交通安全违法行为记分管理办法 第十条第八项'),
  ('1116',  '2022-04-01', '驾驶机动车违反禁令标志指示的', 'Disobeying a prohibition sign', 1, 20, 200, NULL, '道路交通安全违法行为记分管理办法 第十二条第四项'),
  ('1117',  '2022-04-01', '驾驶机动车违反禁止标线指示的', 'Disobeying a prohibition marking', 1, 20, 200, NULL, '道路交通安全违法行为记分管理办法 第十二条第四项'),
  ('1344',  '2013-01-01', '机动车违反禁令标志指示的', 'Disobeying a prohibition sign', 3, 20, 200, NULL, '机动车驾驶证申领和使用规定（公安部令第123号）附件2'),
  ('1344',  '2022-04-01', '机动车违反禁令标志指示的', 'Disobeying a prohibition sign', 1, 20, 200, NULL, '道路交通安全违法行为记分管理办法 第十二条第四项'),
  ('13440', '2013-01-01', '机动车违反禁令标志指示的', 'Disobeying a prohibition sign', 3, 20, 200, NULL, '机动车驾驶证申领和使用规定（公安部令第123号）附件2'),
  ('13440', '2022-04-01', '机动车违反禁令标志指示的', 'Disobeying a prohibition sign', 1, 20, 200, NULL, '道路交通安全违法行为记分管理办法 第十二条第四项'),
  ('10391', '2013-01-01', '机动车违反规定停放、临时停车的', 'Illegal parking or stopping', 0, 20, 200, NULL, '中华人民共和国道路交通安全法 第九十三条'),
  ('13522', '2013-01-01', '中型以上载客载货汽车、校车、危险物品运输车辆以外的机动车超过规定时速10%未达20%的', 'Ordinary vehicle 10% to under 20% over the speed limit', 3, 20, 200, NULL, '机动车驾驶证申领和使用规定（公安部令第123号）附件2'),
  ('13522', '2022-04-01', '中型以上载客载货汽车、校车、危险物品运输车辆以外的机动车超过规定时速10%未达20%的', 'Ordinary vehicle 10% to under 20% over the speed limit', 0, 20, 200, NULL, '道路交通安全违法行为记分管理办法 第八条至第十二条（未列入，不记分）'),
  ('1357',  '2022-04-01', '驾驶机动车行经人行横道，不按规定减速、停车、避让行人的', 'Not yielding to pedestrians at a crossing', 3, 20, 200, NULL, '道路交通安全违法行为记分管理办法 第十一条第七项'),
  ('1712',  '2022-04-01', '饮酒后驾驶机动车的', 'Driving after drinking', 12, 1000, 2000, 'drink-driving', '道路交通安全违法行为记分管理办法 第八条第一项'),
  ('17121', '2022-04-01', '饮酒后驾驶机动车的', 'Driving after drinking', 12, 1000, 2000, 'drink-driving', '道路交通安全违法行为记分管理办法 第八条第一项'),
  ('1701',  '2022-04-01', '造成致人轻伤以上交通事故后逃逸，尚不构成犯罪的（fixture）', 'Hit-and-run after an accident with minor injury or worse, not a crime (fixture)', 12, 200, 2000, 'hit-and-run', '道路交通安全违法行为记分管理办法 第八条第二项'),
  ('1703',  '2022-04-01', '使用伪造、变造的机动车号牌、行驶证、驾驶证、校车标牌或者使用其他机动车号牌、行驶证的（fixture）', 'Using forged or altered plates or documents, or another vehicle''s (fixture)', 12, 2000, 5000, 'forged-documents', '道路交通安全违法行为记分管理办法 第八条第三项'),
  ('1790',  '2022-04-01', '代替实际机动车驾驶人接受交通违法行为处罚和记分牟取经济利益的（fixture）', 'Taking another driver''s penalty and points for money (fixture)', 12, 0, 50000, 'point-trading', '道路交通安全违法行为记分管理办法 第八条第七项、第三十条'),
  ('1901',  '2022-04-01', '驾驶与准驾车型不符的机动车的（fixture）', 'Driving a vehicle outside the licence class (fixture)', 9, 200, 2000, NULL, '道路交通安全违法行为记分管理办法 第九条第五项'),
  ('1352',  '2022-04-01', '驾驶机动车在高速公路或者城市快速路上不按规定车道行驶的（fixture）', 'Not keeping to the lane rules on an expressway (fixture)', 3, 20, 200, NULL, '道路交通安全违法行为记分管理办法 第十一条第三项'),
  ('1223',  '2022-04-01', '驾驶机动车有拨打、接听手持电话等妨碍安全驾驶行为的', 'Using a hand-held phone while driving', 3, 20, 200, NULL, '道路交通安全违法行为记分管理办法 第十一条第六项'),
  ('1240',  '2022-04-01', '驾驶人未按规定使用安全带的', 'Seat belt not worn', 1, 20, 200, NULL, '道路交通安全违法行为记分管理办法 第十二条第九项'),
  ('9031',  '2022-04-01', '在道路交通安全法律法规和相关知识网上学习、考试或者满分教育、审验教育中弄虚作假的（fixture）', 'Cheating in online study, exams, full-score or review education (fixture)', 0, 0, 1000, 'education-fraud', '道路交通安全违法行为记分管理办法 第三十一条');

CREATE TABLE violations (
  city_code              text NOT NULL REFERENCES jurisdictions (city_code),
  id                     text NOT NULL,
  county_code            text NOT NULL REFERENCES regions (code),
  plate                  text NOT NULL,
  code                   text NOT NULL,
  occurred_at            timestamptz NOT NULL,
  points                 integer NOT NULL CHECK (points IN (0, 1, 2, 3, 6, 9, 12)),
  fine                   numeric(10, 2) NOT NULL CHECK (fine >= 0),
  category               text,
  status                 text NOT NULL CHECK (status IN ('unhandled', 'handled', 'paid')),
  source                 text NOT NULL CHECK (source IN ('import', 'platform')),
  recorded_at            timestamptz NOT NULL,
  handled_by             text,
  owner_id_number        text,
  handled_on             date,
  handled_at             timestamptz,
  handled_application_id uuid,
  handled_outlet_code    text REFERENCES outlets (code),
  handled_user_id        bigint REFERENCES users (id),
  handled_channel        text CHECK (handled_channel IN ('window', 'social', 'internet', 'api')),
  handled_phone          text,
  paid_at                timestamptz,
  late_fee               numeric(10, 2),
  paid_application_id    uuid,
  paid_outlet_code       text REFERENCES outlets (code),
  paid_channel           text CHECK (paid_channel IN ('window', 'social', 'internet', 'api')),
  PRIMARY KEY (city_code, id),
  CHECK ((status = 'unhandled') = (handled_on IS NULL) OR source = 'import'),
  CHECK ((status = 'paid') = (paid_at IS NOT NULL) OR source = 'import')
);
CREATE INDEX violations_plate ON violations (city_code, plate, occurred_at DESC, id DESC);
CREATE INDEX violations_driver ON violations (city_code, handled_by, occurred_at DESC, id DESC) WHERE handled_by IS NOT NULL;
CREATE INDEX violations_handled_on ON violations (city_code, handled_on) WHERE handled_on IS NOT NULL;
COMMENT ON TABLE violations IS 'Traffic violation records (camera feeds, the legacy platform) and their handling and payment: who, where, when, which channel.';
COMMENT ON COLUMN violations.county_code IS 'County the record belongs to (where it was handled, else the office''s own county): narrower scopes read by it.';
COMMENT ON COLUMN violations.handled_by IS 'Identity number of the driver who took the penalty and the points (R163 §14; the real driver, R163 §30).';
COMMENT ON COLUMN violations.owner_id_number IS 'The vehicle owner when it was handled: a driver who is not the owner handled it as a substitute (the 3×3 rule reads this).';
COMMENT ON COLUMN violations.handled_on IS 'Day of the penalty decision: the points count in the cycle containing it (R163 §13).';
COMMENT ON COLUMN violations.late_fee IS 'Late fee paid with the fine: 3% of the fine a day after the deadline, never more than the fine (Proc §60; 行政强制法 §45).';

CREATE TABLE point_entries (
  city_code           text NOT NULL REFERENCES jurisdictions (city_code),
  id                  bigserial,
  id_number           text NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('violation', 'imported', 'reduction', 'full-score-cleared')),
  points              integer NOT NULL CHECK (points >= 0),
  recorded_on         date NOT NULL,
  violation_city_code text,
  violation_id        text,
  application_id      uuid,
  method              text CHECK (method IN ('online', 'onsite', 'public-welfare')),
  created_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (city_code, id),
  CHECK ((kind = 'violation') = (violation_id IS NOT NULL))
);
CREATE INDEX point_entries_driver ON point_entries (city_code, id_number, recorded_on);
COMMENT ON TABLE point_entries IS 'The points ledger of each licence, kept in the licence''s city: points recorded, reduced by study (学法减分) and cleared after a full score.';
COMMENT ON COLUMN point_entries.points IS 'Always positive; the kind says whether it adds (violation, imported) or takes off (reduction, full-score-cleared: everything recorded before).';

CREATE TABLE full_score_records (
  city_code      text NOT NULL REFERENCES jurisdictions (city_code),
  id             bigserial,
  id_number      text NOT NULL,
  cycle_start    date NOT NULL,
  reached_on     date NOT NULL,
  ordinal        integer NOT NULL CHECK (ordinal >= 1),
  points         integer NOT NULL,
  study_days     integer NOT NULL,
  onsite_days    integer NOT NULL,
  onsite_online_days integer NOT NULL,
  subjects       integer[] NOT NULL,
  status         text NOT NULL CHECK (status IN ('studying', 'released')),
  exams_passed_on date,
  released_on    date,
  application_id uuid,
  PRIMARY KEY (city_code, id)
);
CREATE INDEX full_score_records_driver ON full_score_records (city_code, id_number, cycle_start);
COMMENT ON TABLE full_score_records IS 'Each full score (满分, R163 §17–§23): study days (§18, §19), the exams owed (§21, §22), and release (§23).';
COMMENT ON COLUMN full_score_records.onsite_online_days IS 'Of the study days, at least this many on site or online, of which onsite_days on site (R163 §19); the rest may be self-study.';
COMMENT ON COLUMN full_score_records.exams_passed_on IS 'When the exams owed were passed; the record is released (points cleared, licence returned) once the fines are paid too (R163 §23).';
COMMENT ON COLUMN full_score_records.ordinal IS 'The how-many-th full score of its cycle: the 2nd adds subject 3, the 3rd subjects 2 and 3 (R163 §22).';
