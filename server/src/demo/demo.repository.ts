import type { DbOrTx } from '../db/database.ts';

/** Set with the demo network, removed once its activity is loaded: a start interrupted between the two finishes the work on the next start. */
const ACTIVITY_PENDING = 'demo.activity-pending';

export async function markActivityPending(db: DbOrTx) {
  await db
    .insertInto('system_settings')
    .values({ key: ACTIVITY_PENDING, value: 'yes' })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export async function activityPending(db: DbOrTx): Promise<boolean> {
  const row = await db
    .selectFrom('system_settings')
    .select('key')
    .where('key', '=', ACTIVITY_PENDING)
    .executeTakeFirst();
  return row !== undefined;
}

export async function clearActivityPending(db: DbOrTx) {
  await db.deleteFrom('system_settings').where('key', '=', ACTIVITY_PENDING).execute();
}
