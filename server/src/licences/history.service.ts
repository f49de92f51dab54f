import { CATALOG } from '#shared/catalog.ts';
import type { LicenceStatus } from '#shared/licences.ts';
import type { LicenceHistoryItem } from '#shared/schemas/licences.ts';
import { applicationsOfApplicant, readableFor } from '../applications/applications.service.ts';
import { documentEntriesAbout } from '../documents/documents.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { beijingInstant } from '../platform/time.ts';
import { licenceEvents } from './history.repository.ts';
import { requireFileReading, requireLicenceReader } from './licences.policy.ts';
import { idFor } from './licences.presenter.ts';
import { licenceOf } from './licences.service.ts';

const blank = {
  applicationId: null,
  status: null,
  statusFrom: null,
  statusTo: null,
  documentKind: null,
  number: null,
  by: null,
} as const;

/** The business about a driver rather than a vehicle: its applications belong in the file. */
const DRIVER_BUSINESS = new Set(
  CATALOG.filter((b) => b.subject !== 'vehicle').map((b) => b.code as string),
);

/** How many of the holder's applications a file shows (a driver's life of business). */
const MAX_APPLICATIONS = 1000;

/**
 * A licence's file (驾驶证档案): the holder's driver business (applications), the documents issued
 * to them (and their voiding) and every change of the licence record, oldest first (CONTRACT.md "History").
 */
export async function licenceHistory(ctx: AppContext, actor: Actor, idNumber: string) {
  requireFileReading(actor);
  const licence = await licenceOf(ctx.db, idNumber);
  if (!licence) throw notFound('驾驶证');
  requireLicenceReader(actor, licence);
  const [events, page, documents] = await Promise.all([
    licenceEvents(ctx.db, licence.cityCode, licence.idNumber),
    applicationsOfApplicant(ctx.db, {
      cityCode: licence.cityCode,
      idNumber: licence.idNumber,
      limit: MAX_APPLICATIONS,
    }),
    documentEntriesAbout(ctx.db, licence.cityCode, licence.idNumber),
  ]);
  // The applications the reader may not open (another outlet's, outside its office's county) are
  // not listed, and the documents and changes they gave do not name them (as the vehicle's file).
  const { readable, named } = readableFor(actor, page);
  const applications = readable.filter((a) => DRIVER_BUSINESS.has(a.businessType));
  const items: (LicenceHistoryItem & { sortAt: number })[] = [
    ...applications.map((a) => ({
      ...blank,
      sortAt: a.submittedAt.getTime(),
      at: beijingInstant(a.submittedAt),
      kind: 'application' as const,
      event: a.businessType,
      applicationId: a.id,
      status: a.status,
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
    ...events.map((e) => ({
      ...blank,
      sortAt: e.at.getTime(),
      at: beijingInstant(e.at),
      kind: 'status' as const,
      event: e.event,
      applicationId: named(e.application_id),
      statusFrom: e.status_from as LicenceStatus | null,
      statusTo: e.status_to as LicenceStatus,
      by: e.actor,
      details: e.details as Record<string, unknown>,
    })),
  ];
  // Stable: at the same instant an application comes before its documents and its changes.
  items.sort((a, b) => a.sortAt - b.sortAt);
  return {
    idNumber: idFor(licence.idNumber, actor),
    items: items.map(({ sortAt: _, ...item }) => item),
  };
}
