import { addCalendarDays } from '#shared/dates.ts';
import { actorOfUser } from '../auth/auth.service.ts';
import { calendarBetween } from '../catalog/catalog.service.ts';
import { refreshStatistics } from '../db/database.ts';
import { buildDemoActivity, DEMO_ACTIVITY_DAYS } from '../demo/demo-activity.ts';
import { buildDemoVehicles } from '../demo/demo-vehicles.ts';
import { demoActivityLoaded } from '../demo/demo.seed.ts';
import { importExamResults } from '../licences/exam-results.import.ts';
import { outletDirectory } from '../network/network.service.ts';
import type { AppContext } from '../platform/context.ts';
import { beijingDate } from '../platform/time.ts';
import type { SupervisionPorts } from '../supervision/exam-port.ts';
import { importHistory } from '../supervision/history.import.ts';
import { dayKind, sessions } from '../network/opening-hours.ts';
import { runSupervision } from '../supervision/runs.service.ts';
import { importInspections } from '../vehicles/inspections.import.ts';

/** Lines per import call: the API's own limit per request is 20,000. */
const BATCH = 10_000;
/** The demo's supervision run covers the last four weeks; the four before are its baseline. */
const RUN_DAYS = 28;

export interface DemoActivitySummary {
  inspections: number;
  examResults: number;
  history: number;
  /** Lines an import refused: none, unless the generator and the imports disagree. */
  rejected: number;
  alerts: number;
}

/**
 * On the first start of a demo: eight weeks of legacy activity (demo/demo-activity.ts) imported
 * through the same import services an administrator calls, then one supervision run over the last
 * four weeks, so that the supervision centre opens on alerts with their evidence. Composition
 * work (several areas), hence here; it runs right after the demo network was created, and again
 * on each start until it has finished once (the imports add nothing twice).
 */
export async function seedDemoActivity(
  ctx: AppContext,
  ports: SupervisionPorts,
): Promise<DemoActivitySummary> {
  const admin = await actorOfUser(ctx, 'admin');
  const outlets = [...(await outletDirectory(ctx.db, admin.cityCode)).values()].sort((a, b) =>
    a.code.localeCompare(b.code),
  );
  const brigade = await actorOfUser(ctx, 'sup.county');
  const of = (category: string) => outlets.filter((o) => o.category === category);
  const today = beijingDate(ctx.clock.now());
  const calendar = await calendarBetween(
    ctx.db,
    addCalendarDays(today, -DEMO_ACTIVITY_DAYS),
    today,
  );
  const hoursOf = new Map(outlets.map((o) => [o.code, o.hours]));
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const activity = buildDemoActivity({
    today,
    stations: of('inspection-station'),
    examSites: of('exam-site').map((o) => o.code),
    brigadeCounty: brigade.scope.code,
    outlets: outlets.filter((o) => o.status === 'active'),
    vehicles: buildDemoVehicles(600).map((v) => ({ plate: v.plate!, vin: v.vin })),
    sessions: (code, day) => {
      const hours = hoursOf.get(code);
      if (!hours) return [];
      return sessions(hours, dayKind(day, calendar)).map((s) => ({
        open: minutes(s.open),
        close: minutes(s.close),
      }));
    },
  });
  let rejected = 0;
  const load = async (
    items: readonly unknown[],
    importer: (ndjson: string) => Promise<{ imported: number; rejected: unknown[] }>,
  ) => {
    let imported = 0;
    for (let i = 0; i < items.length; i += BATCH) {
      const ndjson = items
        .slice(i, i + BATCH)
        .map((x) => JSON.stringify(x))
        .join('\n');
      const result = await importer(ndjson);
      imported += result.imported;
      rejected += result.rejected.length;
    }
    return imported;
  };
  const inspections = await load(activity.inspections, (l) => importInspections(ctx, admin, l));
  const examResults = await load(activity.examResults, (l) => importExamResults(ctx, admin, l));
  const history = await load(activity.history, (l) => importHistory(ctx, admin, l));
  // The supervision run reads what was just loaded: without fresh statistics its queries are
  // planned for empty tables (57 s instead of 3 s on the demo's first start; docs/BENCHMARKS.md).
  await refreshStatistics(ctx.db);
  const run = await runSupervision(
    ctx,
    admin,
    {
      cityCode: admin.cityCode,
      from: addCalendarDays(activity.to, -(RUN_DAYS - 1)),
      to: activity.to,
      trigger: 'request',
    },
    ports,
  );
  await demoActivityLoaded(ctx.db);
  return { inspections, examResults, history, rejected, alerts: run.alerts };
}
