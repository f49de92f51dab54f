import type { Insertable } from 'kysely';
import { agencyApplications } from '../applications/activity.service.ts';
import type { DbOrTx } from '../db/database.ts';
import type { FraudEventsTable } from '../db/types.ts';
import { outletDirectory } from '../network/network.service.ts';
import { ownersOfPlates } from '../vehicles/vehicles.service.ts';
import { platformHandlings } from '../violations/violations.service.ts';
import { insertEvents, upsertParties, upsertVehicles } from './antifraud.repository.ts';
import { PAGE, partyNodes, refreshAgencyEvents, type Window } from './graph.service.ts';

type Outlets = Awaited<ReturnType<typeof outletDirectory>>;

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
  const handlings = await refreshHandlings(db, w, at, outlets);
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

async function refreshHandlings(db: DbOrTx, w: Window, at: Date, outlets: Outlets) {
  let added = 0;
  let read = 0;
  let after: { at: Date; id: string } | undefined;
  for (;;) {
    const page = await platformHandlings(db, { ...w, after, limit: PAGE });
    read += page.length;
    const registry = await ownersOfPlates(db, w.cityCode, [...new Set(page.map((h) => h.plate))]);
    const byOwner = new Map(registry.map((o) => [o.ownerIdNumber, o]));
    const byPlate = new Map(registry.map((o) => [o.plate, o.ownerIdNumber]));
    // Whose points they were: the owner when handled, else the registry's owner of the plate.
    const owned = page.flatMap((h) => {
      const owner = h.owner ?? byPlate.get(h.plate);
      return owner ? [{ ...h, owner }] : [];
    });
    const parties = await partyNodes(
      db,
      w.cityCode,
      owned.flatMap((h) => [
        { id: h.driver, name: null, phone: null },
        {
          id: h.owner,
          name: byOwner.get(h.owner)?.ownerName ?? null,
          phone: byOwner.get(h.owner)?.ownerPhone ?? null,
        },
      ]),
      at,
    );
    added += await db.transaction().execute(async (tx) => {
      await upsertParties(tx, parties);
      await upsertVehicles(
        tx,
        [...new Map(owned.map((h) => [h.plate, h.owner]))].map(([plate, owner]) => ({
          city_code: w.cityCode,
          plate,
          owner_id_number: owner,
          refreshed_at: at,
        })),
      );
      return await insertEvents(
        tx,
        owned.map((h): Insertable<FraudEventsTable> => {
          const outlet = h.outletCode ? outlets.get(h.outletCode) : undefined;
          return {
            city_code: w.cityCode,
            source: 'platform-handling',
            source_id: h.violationId,
            kind: 'points',
            at: h.at,
            county_code: outlet?.countyCode ?? h.countyCode,
            outlet_code: h.outletCode,
            outlet_category: outlet?.category ?? null,
            staff_id: staffOf(h.userId),
            channel: h.channel,
            actor_id: h.driver,
            subject_id: h.owner,
            plate: h.plate,
            points: h.points,
            phone: h.phone,
            subject_phone: null,
            device_id: null,
            business_type: 'violation.handle',
            status: 'completed',
          };
        }),
      );
    });
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    after = { at: last.at, id: last.violationId };
  }
  return { read, added };
}
