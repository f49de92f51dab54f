-- Photo reuse (supervision rule inspection-photo-reuse) looks every photo hash of a period's
-- inspections up in the GIN index inspections_photos. With GIN's default fastupdate, freshly
-- inserted entries wait in a pending list that every look-up scans linearly (up to
-- gin_pending_list_limit, 4 MB): 0.5 ms a look-up, 3 s for 6,000 inspections in
-- `npm run bench -- --supervision --quick`. Stations insert a few results a minute, so the index
-- is kept up to date on insert instead, and the pending list is flushed once.
ALTER INDEX inspections_photos SET (fastupdate = off);
SELECT gin_clean_pending_list('inspections_photos'::regclass);
COMMENT ON INDEX inspections_photos IS 'Photo hashes of inspections (photo reuse across vehicles); fastupdate off so that look-ups never scan a pending list.';
