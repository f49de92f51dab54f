-- The anti-fraud phase of every supervision run reads the period's legacy business done by an
-- agent (graph.service.ts refreshGraph → legacyAgencyRows), in keyset pages by submission time.
-- Along legacy_applications_time that read visited every line of the period to keep the few
-- with an agent: on the bench's county-year (300,000 lines, none by an agent) a parallel scan of
-- 84 ms to return nothing, in every run. Agency is a minority of the business, so a partial index
-- makes the read as long as what it returns.
CREATE INDEX legacy_applications_agency ON legacy_applications (city_code, submitted_at, id)
  WHERE agent IS NOT NULL;
COMMENT ON INDEX legacy_applications_agency IS 'A city''s legacy business done by an agent, by submission time then id: the anti-fraud graph''s keyset pages of agency events.';
