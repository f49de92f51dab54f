-- Call-backs, findings and cases page by keyset (issue 9 item 4; docs/LISTS.md): each list's
-- order gets an index in that order, ending in id, so that a page is a range of the index read
-- from the cursor on, never a sort of a city's whole history of them.

-- Call-backs, soonest due first: (due_at, id) within a status. The old index had no id and was
-- for the city only: a city's done call-backs (more than 500 within weeks) were sorted whole for
-- every read, and an outlet's or a county's were filtered out of the city's. The list of both
-- statuses reads each status along these and merges the two pages (service.repository.ts).
DROP INDEX callbacks_open;
CREATE INDEX callbacks_city_due ON callbacks (city_code, status, due_at, id);
COMMENT ON INDEX callbacks_city_due IS 'A city''s call-backs of a status, soonest due first: GET /callbacks for the detachment and administrators (keyset by due_at, id).';
CREATE INDEX callbacks_county_due ON callbacks (city_code, county_code, status, due_at, id);
COMMENT ON INDEX callbacks_county_due IS 'A county''s call-backs of a status, soonest due first: GET /callbacks for a brigade''s supervisors.';
CREATE INDEX callbacks_outlet_due ON callbacks (city_code, outlet_code, status, due_at, id);
COMMENT ON INDEX callbacks_outlet_due IS 'An outlet''s call-backs of a status, soonest due first: GET /callbacks for the outlet''s clerks.';

-- Standing findings, highest score first: (score DESC, id). The list never shows superseded
-- findings, so the indexes hold standing ones only. The old (city_code, kind, score DESC) served
-- a kind's list alone, without the id that orders ties; the list of every kind sorted them all.
DROP INDEX fraud_findings_score;
CREATE INDEX fraud_findings_list ON fraud_findings (city_code, score DESC, id) WHERE superseded_by IS NULL;
COMMENT ON INDEX fraud_findings_list IS 'A city''s standing findings, highest score first: GET /findings (keyset by score DESC, id).';
CREATE INDEX fraud_findings_kind_list ON fraud_findings (city_code, kind, score DESC, id) WHERE superseded_by IS NULL;
COMMENT ON INDEX fraud_findings_kind_list IS 'A city''s standing findings of a kind, highest score first: GET /findings?kind=.';
CREATE INDEX fraud_findings_county_list ON fraud_findings (city_code, county_code, score DESC, id) WHERE superseded_by IS NULL;
COMMENT ON INDEX fraud_findings_county_list IS 'A county''s standing findings, highest score first: GET /findings for a brigade (a kind is a filter on it: three kinds at most).';

-- Cases, newest first: (created_at, id), both descending, as the alerts.
CREATE INDEX fraud_cases_city_list ON fraud_cases (city_code, created_at DESC, id DESC);
COMMENT ON INDEX fraud_cases_city_list IS 'A city''s cases, newest first: GET /cases for the detachment (keyset by created_at, id).';
CREATE INDEX fraud_cases_county_list ON fraud_cases (city_code, county_code, created_at DESC, id DESC);
COMMENT ON INDEX fraud_cases_county_list IS 'A county''s cases, newest first: GET /cases for a brigade.';
