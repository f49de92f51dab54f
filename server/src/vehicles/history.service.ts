import type { HistoryItem, VehicleStatus } from '#shared/schemas/vehicles.ts';
import { applicationsAboutVehicle, readableFor } from '../applications/applications.service.ts';
import { documentEntriesAbout } from '../documents/documents.service.ts';
import { outletNames } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { beijingInstant } from '../platform/time.ts';
import { vehicleEvents } from './history.repository.ts';
import { inspectionsOfVehicle } from './inspections.repository.ts';
import { ownApplications } from './plate-periods.ts';
import { requireVehicleReader, requireVehicleReading } from './vehicles.policy.ts';
import { findVehicleByVin } from './vehicles.repository.ts';

const blank = {
  applicationId: null,
  status: null,
  statusFrom: null,
  statusTo: null,
  plate: null,
  documentKind: null,
  number: null,
  by: null,
} as const;

/**
 * A vehicle's file (档案): every application about it, every document issued for it (and its
 * voiding), every station's inspection report of it and every change of its registry record,
 * oldest first. Applications are found by its VIN, or by a plate its record carried when they
 * were submitted (`plate-periods.ts`).
 */
export async function vehicleHistory(ctx: AppContext, actor: Actor, vin: string) {
  requireVehicleReading(actor);
  const v = await findVehicleByVin(ctx.db, vin);
  if (!v) throw notFound('机动车');
  requireVehicleReader(actor, v);
  const events = await vehicleEvents(ctx.db, v.cityCode, v.vin);
  const plates = [...new Set([v.plate, ...events.map((e) => e.plate)].filter((p) => p !== null))];
  const [found, documents, inspections] = await Promise.all([
    applicationsAboutVehicle(ctx.db, { cityCode: v.cityCode, vin: v.vin, plates }),
    documentEntriesAbout(ctx.db, v.cityCode, v.vin),
    inspectionsOfVehicle(ctx.db, v.cityCode, v.vin),
  ]);
  // The stations by name, from the network (whose tables are its own).
  const stations = await outletNames(
    ctx.db,
    inspections.map((i) => i.outlet_code),
  );
  const own = ownApplications(
    found,
    v,
    events.map((e) => ({
      at: e.at,
      event: e.event,
      plate: e.plate,
      applicationId: e.application_id,
      details: e.details,
    })),
  );
  // The applications the reader may not open (another outlet's, outside its police's county)
  // are not listed, and the documents and changes they gave do not name them.
  const { readable: applications, named } = readableFor(actor, own);
  const items: (HistoryItem & { sortAt: number })[] = [
    ...applications.map((a) => ({
      ...blank,
      sortAt: a.submittedAt.getTime(),
      at: beijingInstant(a.submittedAt),
      kind: 'application' as const,
      event: a.businessType,
      applicationId: a.id,
      status: a.status,
      plate: (a.data as { plate?: string }).plate ?? null,
      by: a.outletName,
    })),
    // A document's issue says valid, as it was then; its voiding is an entry of its own.
    ...documents.map((d) => ({
      ...blank,
      sortAt: d.at.getTime(),
      at: beijingInstant(d.at),
      kind: 'document' as const,
      event: d.kind,
      applicationId: named(d.applicationId),
      status: d.status,
      documentKind: d.kind,
      number: d.number,
      ...(d.status === 'void' ? { details: { reason: d.reason } } : {}),
    })),
    // A station's report, as a document is: its number, and its result as its status.
    ...inspections.map((i) => ({
      ...blank,
      sortAt: i.finished_at.getTime(),
      at: beijingInstant(i.finished_at),
      kind: 'inspection' as const,
      event: 'inspection-report',
      status: i.result,
      plate: i.plate,
      number: i.report_no,
      by: stations.get(i.outlet_code)?.name ?? i.outlet_code,
    })),
    ...events.map((e) => ({
      ...blank,
      sortAt: e.at.getTime(),
      at: beijingInstant(e.at),
      kind: 'status' as const,
      event: e.event,
      applicationId: named(e.application_id),
      statusFrom: e.status_from as VehicleStatus | null,
      statusTo: e.status_to as VehicleStatus | null,
      plate: e.plate,
      by: e.actor,
      details: e.details as Record<string, unknown>,
    })),
  ];
  // Stable: at the same instant an application comes before its documents and its changes.
  items.sort((a, b) => a.sortAt - b.sortAt);
  return { vin: v.vin, items: items.map(({ sortAt: _, ...item }) => item) };
}
