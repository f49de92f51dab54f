import type { InspectionRequest } from '#shared/schemas/vehicles.ts';
import { audit } from '../audit/audit.service.ts';
import { jurisdictionOfPlate, outletStanding } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { forbidden, invalid, notFound } from '../platform/errors.ts';
import { beijingDate } from '../platform/time.ts';
import type { DbOrTx } from '../db/database.ts';
import { closedQuarterBytes, closedStarts, type ClosedStartsInput } from './closed-starts.ts';
import {
  insertInspection,
  reportNumbersAt,
  reusedPhotoRows,
  stationDayStarts,
  stationSummaryRows,
  type StationSummaryQuery,
} from './inspections.repository.ts';
import { requireInspectionRecorder } from './vehicles.policy.ts';
import { findVehicleByPlate } from './vehicles.repository.ts';
import { newId } from '../platform/ids.ts';

/** A result may be recorded a little after the fact, never before it happened. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * An inspection station records a result (CONTRACT.md "Inspections"): items, times, inspector,
 * photo hashes. These rows are what supervision audits (pass rates, durations, reused photos,
 * off-hours work), and the report number is what an inspection mark or registration cites.
 */
export async function recordInspection(ctx: AppContext, actor: Actor, input: InspectionRequest) {
  const outlet = requireInspectionRecorder(actor);
  const now = ctx.clock.now();
  if (Date.parse(input.finishedAt) > now.getTime() + CLOCK_SKEW_MS) {
    throw invalid([{ path: 'finishedAt', message: '结束时间不能晚于当前时间' }]);
  }
  return await ctx.db.transaction().execute(async (tx) => {
    const standing = await outletStanding(tx, outlet.code);
    if (standing?.status === 'suspended') throw forbidden('本检验机构已被暂停，不能录入检验结果');
    let vin = input.vin ?? null;
    if (input.plate) {
      const home = await jurisdictionOfPlate(ctx.db, tx, input.plate);
      const vehicle = home ? await findVehicleByPlate(tx, home.cityCode, input.plate) : null;
      if (!vehicle || (vin && vehicle.vin !== vin)) throw notFound('机动车');
      vin = vehicle.vin;
    }
    const id = newId();
    const reportNo = await insertInspection(tx, {
      cityCode: outlet.cityCode,
      id,
      reportPrefix: `JC${outlet.cityCode}${beijingDate(now).slice(0, 4)}`,
      countyCode: outlet.countyCode,
      outletCode: outlet.code,
      vin,
      plate: input.plate ?? null,
      result: input.result,
      items: input.items,
      startedAt: new Date(input.startedAt),
      finishedAt: new Date(input.finishedAt),
      inspector: input.inspector,
      photoHashes: (input.photoHashes ?? []).map((h) => h.toLowerCase()),
      recordedBy: actor.username,
      recordedAt: now,
    });
    await audit(tx, actor, now, {
      action: 'inspection.recorded',
      entityType: 'inspection',
      entityId: reportNo,
      details: { vin, plate: input.plate ?? null, result: input.result },
      event: 'inspection.recorded',
    });
    return { id, reportNo };
  });
}

// ---- What supervision reads of inspections (it never reads the table) ----------------------

/**
 * A city's inspections summarised per station (`stationSummaryRows`), so that a year of them
 * need not travel one by one, with those started while the station was closed: `closed` gives
 * the kind of each day from `days[0]` on and, per station and kind of day, 96 characters with
 * '1' for a quarter of an hour it is closed.
 */
export async function stationSummaries(
  db: DbOrTx,
  q: StationSummaryQuery & { closed: ClosedStartsInput },
) {
  const { days, closed } = closedQuarterBytes(q.closed);
  const starts = await stationDayStarts(db, q);
  const offHours = closedStarts(starts, days, closed, q.examples);
  const places = [...offHours.values()].flatMap((f) => f.places);
  const reports = await reportNumbersAt(db, q.cityCode, places);
  const examples = new Map<string, string[]>();
  places.forEach((p, k) => {
    const of = examples.get(p.stationCode) ?? [];
    examples.set(p.stationCode, [...of, reports[k]!]);
  });
  const rows = await stationSummaryRows(db, q);
  return rows.map((r) => ({
    stationCode: r.station_code,
    countyCode: r.county_code,
    baselineN: r.baseline_n,
    baselineEvents: r.baseline_events,
    n: r.n,
    events: r.events,
    outcomes: r.outcomes,
    short: r.short,
    shortExamples: r.short_examples,
    offHours: offHours.get(r.station_code)?.n ?? 0,
    offHoursExamples: examples.get(r.station_code) ?? [],
  }));
}
export type StationSummary = Awaited<ReturnType<typeof stationSummaries>>[number];

/** A photo of an inspection in [since, until) that also shows up for another vehicle. */
export async function reusedPhotos(db: DbOrTx, f: { cityCode: string; since: Date; until: Date }) {
  const rows = await reusedPhotoRows(db, f);
  return rows.map((r) => ({
    hash: r.hash,
    reportNo: r.report_no,
    stationCode: r.station_code,
    countyCode: r.county_code,
    vehicle: r.vehicle,
    otherReportNo: r.other_report_no,
    otherStationCode: r.other_station_code,
    otherVehicle: r.other_vehicle,
  }));
}
export type { StationSummaryQuery } from './inspections.repository.ts';
