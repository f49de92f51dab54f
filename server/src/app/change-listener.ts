import { forgetAllUsers, forgetUser } from '../auth/user-cache.ts';
import { policyChanged } from '../catalog/catalog.service.ts';
import { forgetCalendar } from '../catalog/working-days.ts';
import { delegationChanged } from '../delegation/delegation.service.ts';
import type { Db } from '../db/database.ts';
import { listenForChanges, type ChangeNotice } from '../db/change-notices.ts';

/** PostgreSQL's "terminating connection due to administrator command": the server is stopping. */
export const isServerShutdown = (e: unknown) => (e as { code?: unknown } | null)?.code === '57P01';

/**
 * Keeps this process's caches of `db` true to changes that other processes commit: each notice
 * forgets what it names; after a lost connection everything is forgotten.
 */
export function forgetOnChanges(db: Db, url: string, onError: (e: Error) => void) {
  const forget = (n: ChangeNotice) => {
    if (n.topic === 'user' && n.key) forgetUser(db, n.key);
    else if (n.topic === 'calendar') forgetCalendar(db);
    else if (n.topic === 'delegation') delegationChanged(db);
    else if (n.topic === 'policy') policyChanged(db);
  };
  return listenForChanges(url, {
    onNotice: forget,
    onReconnect: () => {
      forgetAllUsers(db);
      forgetCalendar(db);
      delegationChanged(db);
      policyChanged(db);
    },
    onError,
  });
}
