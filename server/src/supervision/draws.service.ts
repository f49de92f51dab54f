import type { OutletCategory } from '#shared/catalog.ts';
import type { Draw } from '#shared/schemas/supervision.ts';
import { audit } from '../audit/audit.service.ts';
import { policyIn } from '../catalog/catalog.service.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import { outletDirectory } from '../network/network.service.ts';
import { decodeInstantCursor, encodeInstantCursor } from '../platform/cursor.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, invalid, notFound } from '../platform/errors.ts';
import { addDays, beijingDate, beijingInstant } from '../platform/time.ts';
import { frameText, seedOf, selectUnits, sha256Hex, type FrameUnit } from './draw.ts';
import {
  findDraw,
  insertDraw,
  lastChecks,
  listDraws,
  lockDraw,
  partiesOf,
  setCommitment,
  setDrawState,
  setShare,
  type DrawRow,
  type PartyRow,
} from './draws.repository.ts';
import { stationRisks } from './oversight.service.ts';
import { alertCountsByOutlet } from './supervision.repository.ts';
import { requireDrawer } from './supervision.policy.ts';
import { newId } from '../platform/ids.ts';

/** Alerts are counted over the last year for an outlet's risk. */
const RISK_DAYS = 365;
/** Inspection stations are rated over the last quarter's inspections (`station-risk.ts`). */
const RATING_DAYS = 91;

/**
 * An outlet's risk weight from its alerts of the last year: 4 when any was serious, 2 for any
 * other, 0 for none (published with the frame, so the weighting can be checked too).
 */
export const riskWeight = (a: { n: number; high: number } | undefined) =>
  !a || a.n === 0 ? 0 : a.high > 0 ? 4 : 2;

function present(d: DrawRow, parties: PartyRow[]): Draw {
  const byParty = new Map(parties.filter((p) => p.draw_id === d.id).map((p) => [p.party, p]));
  return {
    id: d.id,
    population: d.population,
    frame: JSON.parse(d.frame) as FrameUnit[],
    frameHash: d.frame_hash,
    forced: d.forced,
    count: d.count,
    parties: d.parties,
    status: d.status,
    commitments: d.parties.map((party) => ({
      party,
      commitment: byParty.get(party)?.commitment ?? null,
      share: byParty.get(party)?.share ?? null,
    })),
    seed: d.seed,
    selected: d.selected,
    createdAt: beijingInstant(d.created_at),
    completedAt: d.completed_at ? beijingInstant(d.completed_at) : null,
  };
}

/**
 * The frame of a population (an outlet category of the actor's city): every active outlet with
 * a risk weight above 0, and every outlet not checked (selected by a completed draw) for the
 * policy's number of quarters, forced in with at least weight 1 (DESIGN: each outlet is
 * checked now and then, the risky ones more often).
 */
async function buildFrame(ctx: AppContext, cityCode: string, population: OutletCategory) {
  const today = beijingDate(ctx.clock.now());
  const [outlets, checks, alerts, policy] = await Promise.all([
    outletDirectory(ctx.db, cityCode),
    lastChecks(ctx.db, cityCode),
    alertCountsByOutlet(ctx.db, cityCode, new Date(`${addDays(today, -RISK_DAYS)}T00:00:00+08:00`)),
    policyIn(ctx.db, ['spot-check.max-gap-quarters'], today, cityCode),
  ]);
  const gap = policy.values['spot-check.max-gap-quarters'] ?? 8;
  const overdueBefore = new Date(`${addDays(today, -gap * 91)}T00:00:00+08:00`);
  const risk = new Map(alerts.map((a) => [a.outlet_code, a]));
  // Inspection stations also carry their risk rating from the last quarter: medium 2, high 4
  // (a low rating adds nothing, so a station checked lately and rated low may stay out).
  const ratings =
    population === 'inspection-station'
      ? new Map(
          (
            await stationRisks(ctx.db, cityCode, {
              from: addDays(today, -RATING_DAYS),
              to: addDays(today, -1),
            })
          ).map((r) => [r.code, r.rating === 'low' ? 0 : r.weight]),
        )
      : new Map<string, number>();
  const frame: FrameUnit[] = [];
  const forced: string[] = [];
  for (const o of outlets.values()) {
    if (o.category !== population || o.status !== 'active') continue;
    const weight = Math.max(riskWeight(risk.get(o.code)), ratings.get(o.code) ?? 0);
    const last = checks.get(o.code);
    const overdue = !last || last < overdueBefore;
    if (overdue) forced.push(o.code);
    if (weight > 0 || overdue) frame.push({ code: o.code, weight: Math.max(weight, 1) });
  }
  return { text: frameText(frame), forced: forced.sort(), size: frame.length };
}

/** The keyset of the page after a cursor (`platform/cursor.ts`: instant, then id). */
function createdAfter(cursor: string) {
  const { at, id } = decodeInstantCursor(cursor);
  return { createdAt: at, id };
}

/** `POST /spot-checks/draws`: the frame frozen and hashed, waiting for the parties' commitments. */
export async function createDraw(
  ctx: AppContext,
  actor: Actor,
  input: { population: OutletCategory; count: number; parties: string[] },
): Promise<Draw> {
  requireDrawer(actor);
  const frame = await buildFrame(ctx, actor.cityCode, input.population);
  if (frame.size === 0) throw new AppError('CONFLICT', '该类别当前没有需要抽查的对象');
  if (input.count > frame.size) {
    throw invalid([{ path: 'count', message: `抽查数量不能超过抽查范围（${frame.size} 个）` }]);
  }
  const id = newId();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await insertDraw(tx, {
      city_code: actor.cityCode,
      id,
      population: input.population,
      count: input.count,
      parties: input.parties,
      frame: frame.text,
      frame_hash: sha256Hex(frame.text),
      forced: frame.forced,
      created_by: actor.username,
      created_at: now,
    });
    await audit(tx, actor, now, {
      action: 'spot-check.drawn',
      entityType: 'spot-check-draw',
      entityId: id,
      details: {
        population: input.population,
        count: input.count,
        frameHash: sha256Hex(frame.text),
      },
    });
  });
  return await drawById(ctx.db, id);
}

export async function drawById(db: DbOrTx, id: string): Promise<Draw> {
  const d = await findDraw(db, id);
  if (!d) throw notFound('抽查');
  return present(d, await partiesOf(db, d.city_code, [d.id]));
}

/**
 * Runs a step on a draw of the actor's city under its row lock (another city's draw does not
 * exist for the actor), with the audit record, and answers the draw as it then stands.
 */
async function step(
  ctx: AppContext,
  actor: Actor,
  id: string,
  action: string,
  work: (
    d: DrawRow,
    parties: Map<string, PartyRow>,
    tx: Tx,
    now: Date,
  ) => Promise<Record<string, unknown>>,
): Promise<Draw> {
  requireDrawer(actor);
  const found = await findDraw(ctx.db, id);
  if (!found || found.city_code !== actor.cityCode) throw notFound('抽查');
  await ctx.db.transaction().execute(async (tx) => {
    const d = await lockDraw(tx, found.city_code, id);
    if (!d) throw notFound('抽查');
    const parties = new Map((await partiesOf(tx, d.city_code, [d.id])).map((p) => [p.party, p]));
    const now = ctx.clock.now();
    const details = await work(d, parties, tx, now);
    await audit(tx, actor, now, { action, entityType: 'spot-check-draw', entityId: id, details });
  });
  return await drawById(ctx.db, id);
}

function partyOf(d: DrawRow, parties: Map<string, PartyRow>, party: string) {
  const p = parties.get(party);
  if (!p || !d.parties.includes(party)) {
    throw invalid([{ path: 'party', message: `${party} 不是本次抽查的参与方` }]);
  }
  return p;
}

/** A party's commitment: accepted while no share has been revealed, once per party. */
export async function commit(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { party: string; commitment: string },
) {
  return await step(ctx, actor, id, 'spot-check.committed', async (d, parties, tx, now) => {
    const p = partyOf(d, parties, input.party);
    if (d.status !== 'committing')
      throw new AppError('CONFLICT', '已有参与方公开份额，不再接受承诺');
    if (p.commitment) throw new AppError('CONFLICT', '该参与方已提交承诺');
    const commitment = input.commitment.toLowerCase();
    await setCommitment(tx, {
      cityCode: d.city_code,
      drawId: d.id,
      party: p.party,
      commitment,
      at: now,
    });
    return { party: p.party, commitment };
  });
}

/**
 * A party's share, once every party has committed: it must hash to its commitment (422
 * otherwise). The last share fixes the seed and the selection.
 */
export async function reveal(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { party: string; share: string },
) {
  return await step(ctx, actor, id, 'spot-check.revealed', async (d, parties, tx, now) => {
    const p = partyOf(d, parties, input.party);
    if (d.status === 'complete') throw new AppError('CONFLICT', '抽查已完成');
    if ([...parties.values()].some((x) => !x.commitment)) {
      throw new AppError('CONFLICT', '须待全部参与方提交承诺后再公开份额');
    }
    if (p.share) throw new AppError('CONFLICT', '该参与方已公开份额');
    if (sha256Hex(input.share) !== p.commitment) {
      throw new AppError('UNPROCESSABLE', '公开的份额与其承诺不符');
    }
    await setShare(tx, {
      cityCode: d.city_code,
      drawId: d.id,
      party: p.party,
      share: input.share,
      at: now,
    });
    const shares = d.parties.map((party) =>
      party === p.party ? input.share : (parties.get(party)?.share ?? null),
    );
    if (shares.some((s) => s === null)) {
      await setDrawState(tx, { cityCode: d.city_code, id: d.id, status: 'revealing' });
      return { party: p.party };
    }
    const seed = seedOf(shares as string[]);
    const selected = selectUnits(JSON.parse(d.frame) as FrameUnit[], seed, d.count);
    await setDrawState(tx, {
      cityCode: d.city_code,
      id: d.id,
      status: 'complete',
      seed,
      selected,
      completedAt: now,
    });
    return { party: p.party, seed, selected };
  });
}

/** The public list of draws (newest first, by keyset): everything needed to check each one. */
export async function publicDraws(db: DbOrTx, q: { city?: string; after?: string; limit: number }) {
  const rows = await listDraws(db, {
    cityCode: q.city,
    after: q.after ? createdAfter(q.after) : undefined,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const byCity = new Map<string, string[]>();
  for (const d of page) byCity.set(d.city_code, [...(byCity.get(d.city_code) ?? []), d.id]);
  const parties = (
    await Promise.all([...byCity].map(([city, ids]) => partiesOf(db, city, ids)))
  ).flat();
  const last = page.at(-1);
  return {
    items: page.map((d) => present(d, parties)),
    nextCursor:
      rows.length > q.limit && last ? encodeInstantCursor(last.created_at, last.id) : null,
  };
}
