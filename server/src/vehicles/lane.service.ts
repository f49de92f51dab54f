import { lifecycleOf } from '#shared/lifecycles.ts';
import type { LaneBoard, LaneTimings } from '#shared/schemas/lanes.ts';
import { applicationSummaries } from '../applications/applications.service.ts';
import { outletSummary } from '../network/network.service.ts';
import { decodeInstantCursor, encodeInstantCursor } from '../platform/cursor.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { addDays, beijingDate, beijingInstant } from '../platform/time.ts';
import { laneDurations, openLaneStages, stageDurations } from './lane.repository.ts';
import { requireLaneReader } from './vehicles.policy.ts';

/** The lane's stages in order (shared/src/lifecycles.ts). */
const STAGES = lifecycleOf('vehicle.register')?.stages.map((s) => s.code) ?? [];

/** The outlet of a lane, for a reader allowed to see it. */
async function laneOutlet(ctx: AppContext, actor: Actor, code: string) {
  const outlet = await outletSummary(ctx.db, ctx.db, code);
  if (!outlet) throw notFound('网点');
  requireLaneReader(actor, { ...outlet, outletCode: outlet.code });
  return outlet;
}

/** The keyset of the page after a cursor (`platform/cursor.ts`: instant, then id). */
function enteredAfter(cursor: string) {
  const { at, id } = decodeInstantCursor(cursor);
  return { enteredAt: at, applicationId: id };
}

/**
 * `GET /outlets/{code}/lane-board`: the registrations in the office's lane now, the desk each is
 * at and for how long, longest waiting first (keyset pages).
 */
export async function laneBoard(
  ctx: AppContext,
  actor: Actor,
  code: string,
  q: { after?: string; limit: number },
): Promise<LaneBoard> {
  const outlet = await laneOutlet(ctx, actor, code);
  const rows = await openLaneStages(ctx.db, {
    cityCode: outlet.cityCode,
    outletCode: outlet.code,
    after: q.after ? enteredAfter(q.after) : undefined,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const summaries = await applicationSummaries(
    ctx.db,
    outlet.cityCode,
    page.map((r) => r.applicationId),
  );
  const now = ctx.clock.now();
  const last = page.at(-1);
  return {
    outletCode: outlet.code,
    outletName: outlet.name,
    asOf: beijingInstant(now),
    items: page.map((r) => {
      const s = summaries.get(r.applicationId);
      const plate =
        (s?.result as { plate?: string }).plate ?? (s?.data as { plate?: string }).plate;
      return {
        applicationId: r.applicationId,
        vin: r.vin,
        plate: plate ?? null,
        applicantName: s?.applicantName ?? '',
        stage: r.stage,
        enteredAt: beijingInstant(new Date(r.enteredAt)),
        secondsInStage: Math.max(0, Math.floor((+now - +new Date(r.enteredAt)) / 1000)),
        startedAt: beijingInstant(new Date(r.startedAt)),
        previousStaff: r.previousStaff,
      };
    }),
    nextCursor:
      rows.length > q.limit && last
        ? encodeInstantCursor(new Date(last.enteredAt), last.applicationId)
        : null,
  };
}

/** Beijing midnight starting a date, as an instant. */
const startOf = (date: string) => new Date(`${date}T00:00:00+08:00`);

/**
 * `GET /outlets/{code}/lane-timings`: median and 90th percentile of each stage's time and of
 * whole lanes, over the stages (and lanes) finished in a period of Beijing days, by default the
 * 30 days up to today; at most a year.
 */
export async function laneTimings(
  ctx: AppContext,
  actor: Actor,
  code: string,
  q: { from?: string; to?: string },
): Promise<LaneTimings> {
  const outlet = await laneOutlet(ctx, actor, code);
  const to = q.to ?? beijingDate(ctx.clock.now());
  const from = q.from ?? addDays(to, -29);
  if (addDays(from, 366) <= to) {
    throw invalid([{ path: 'query.from', message: '统计期间不能超过一年' }]);
  }
  const period = {
    cityCode: outlet.cityCode,
    outletCode: outlet.code,
    from: startOf(from),
    to: startOf(addDays(to, 1)),
  };
  const [byStage, whole] = await Promise.all([
    stageDurations(ctx.db, period),
    laneDurations(ctx.db, {
      ...period,
      firstStage: STAGES[0] ?? '',
      lastStage: STAGES.at(-1) ?? '',
    }),
  ]);
  const found = new Map(byStage.map((r) => [r.stage, r]));
  return {
    outletCode: outlet.code,
    outletName: outlet.name,
    from,
    to,
    stages: STAGES.map((stage) => {
      const r = found.get(stage);
      return {
        stage,
        count: r?.count ?? 0,
        medianSeconds: r?.median ?? null,
        p90Seconds: r?.p90 ?? null,
      };
    }),
    endToEnd: { count: whole.count, medianSeconds: whole.median, p90Seconds: whole.p90 },
  };
}
