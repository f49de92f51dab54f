-- Lists at the size of a city-year (issue 9; `npm run bench:lists` over `cheguan generate
-- --scale city`, plans in docs/LISTS.md): three reads that scanned whole tables.

-- A vehicle's or a person's file lists every document issued about it, void ones included; the
-- old index held only valid documents, so the file read all 3.4 million documents (0.9 s). The
-- valid-document reads (voiding on reissue) use the same leading columns.
DROP INDEX documents_subject;
CREATE INDEX documents_subject ON documents (city_code, subject, issued_at);
COMMENT ON INDEX documents_subject IS 'A subject''s documents (a VIN, an identity number) in issue order: the vehicle and driver files, and voiding the valid ones on reissue.';

-- SLA breaches page by (due day, id) over two kinds: open after the due day, and completed after
-- it. Each kind gets an index in that order, so that a page reads its rows and no more (the
-- query over both kinds scanned the 5 million applications of a city-year: 3.3 s).
DROP INDEX applications_open_due;
CREATE INDEX applications_open_due ON applications (city_code, sla_due_on, id) WHERE status = 'accepted';
COMMENT ON INDEX applications_open_due IS 'Accepted applications by due day: overdue counts, SLA breaches still open, escalation.';

CREATE INDEX applications_completed_late ON applications (city_code, sla_due_on, id)
  WHERE status = 'completed' AND completed_at >= ((sla_due_on + 1)::timestamp AT TIME ZONE 'Asia/Shanghai');
COMMENT ON INDEX applications_completed_late IS 'Applications completed after their due day (Beijing), by due day: the completed-late SLA breaches.';
