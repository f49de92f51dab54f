-- applications_completed_due (city, due day, completed only) was made for the SLA breach list's
-- completed applications. That list has read the completed-late breaches along their own index
-- since 20261212090000 (applications_completed_late: a page reads its rows and no more), and no
-- other query reads completed applications by due day: completion durations and the call-back
-- sample go by completion time (applications_completed). Every completed application still
-- wrote an entry into it, on the write path issue 9 measures. EXPLAIN ANALYZE on the city-year
-- with the index dropped in a transaction: the breach page and the completion durations keep
-- their plans (docs/BENCHMARKS.md, 2026-12-05 midday).
DROP INDEX applications_completed_due;
