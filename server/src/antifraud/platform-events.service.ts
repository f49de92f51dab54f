import { agencyApplications } from '../applications/activity.service.ts';
import type { DbOrTx } from '../db/database.ts';
import { outletDirectory } from '../network/network.service.ts';
import { platformHandlings } from '../violations/violations.service.ts';
import { PAGE, refreshAgencyEvents, refreshHandlingEvents, type Window } from './graph.service.ts';

/**
 * Platform staff in the graph: the user who took the business in, as `user:<id>` so that it never
 * meets a legacy staff code.
 */
const staffOf = (userId: string | null) => (userId ? `user:${userId}` : null);

/**
 * Refreshes the evidence graph with the platform's own business of a period: violation handlings
 * done through `violation.handle` (who took whose points, where, by whom, through which channel
 * and phone; read from the violations area) and applications naming an agent (read from the
 * pipeline's area). Keyed by source and id like the legacy events, so a period read again adds
 * nothing.
 */
export async function refreshPlatform(db: DbOrTx, w: Window, at: Date) {
  const outlets = await outletDirectory(db, w.cityCode);
  const handlings = await refreshHandlingEvents(
    db,
    w,
    at,
    outlets,
    'platform-handling',
    async (after) =>
      (await platformHandlings(db, { ...w, after, limit: PAGE })).map((h) => ({
        ...h,
        // The outlet's county when it is known: where the handling was done.
        countyCode:
          (h.outletCode ? outlets.get(h.outletCode)?.countyCode : undefined) ?? h.countyCode,
        staffId: staffOf(h.userId),
        deviceId: null, // the platform's handlings carry no device
      })),
  );
  const agency = await refreshAgencyEvents(
    db,
    w,
    at,
    outlets,
    'platform-application',
    async (after) =>
      (await agencyApplications(db, { ...w, after, limit: PAGE })).map((a) => ({
        ...a,
        staffId: staffOf(a.userId),
        deviceId: null, // the platform's applications carry no device
      })),
  );
  return {
    handlings: handlings.read,
    applications: agency.read,
    added: handlings.added + agency.added,
  };
}
