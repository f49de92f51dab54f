/**
 * Child process for the durability test: opens the platform on a data directory, commits a
 * marker row, says READY, and waits to be killed.
 */
import { sql } from 'kysely';
import { loadEnv } from '../../server/src/env.ts';
import { startPlatform } from '../../server/src/app/start.ts';

const [dataDir, marker] = process.argv.slice(2) as [string, string];
const platform = await startPlatform({
  ...loadEnv({}),
  CHEGUAN_DATA_DIR: dataDir,
  CHEGUAN_DEMO: 'off',
  CHEGUAN_ADMIN_PASSWORD: 'holder-admin-password',
});
await sql`INSERT INTO system_settings (key, value) VALUES ('durability-marker', ${marker})`.execute(
  platform.ctx.db,
);
console.log('READY');
setInterval(() => undefined, 1000);
