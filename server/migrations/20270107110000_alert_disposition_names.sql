-- A disposition names the supervisor who made it as people know them (display name), as an
-- application's events name their clerk: the username (`by_user`) stays the login it was made
-- with. Past dispositions take the user's present display name; the platform's re-openings are 系统.
ALTER TABLE alert_dispositions ADD COLUMN by_name text;

UPDATE alert_dispositions d
   SET by_name = u.display_name
  FROM users u
 WHERE u.username = d.by_user;
UPDATE alert_dispositions SET by_name = '系统' WHERE by_name IS NULL AND by_user = 'system';
UPDATE alert_dispositions SET by_name = by_user WHERE by_name IS NULL;

ALTER TABLE alert_dispositions ALTER COLUMN by_name SET NOT NULL;

COMMENT ON COLUMN alert_dispositions.by_name IS 'The display name of who made the disposition, as it was then (系统 for the platform''s re-openings); by_user is the username.';
