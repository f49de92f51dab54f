import { CATALOG } from '#shared/catalog.ts';
import { hasRole, type Actor } from '../platform/actor.ts';
import { audit } from '../audit/audit.service.ts';
import type { Db, DbOrTx, Tx } from '../db/database.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, forbidden, invalid } from '../platform/errors.ts';
import { beijingDate, beijingInstant } from '../platform/time.ts';
import type { z } from 'zod';
import {
  calendarExceptions,
  deleteCalendarDay,
  implementedCodes,
  insertPolicyValue,
  listPolicyValues,
  nationalPolicyKeys,
  policySourceRows,
  policyValuesOn,
  upsertBusinessTypes,
  upsertCalendarDay,
} from './catalog.repository.ts';
import type { newPolicyValueSchema } from './catalog.schema.ts';
import {
  DEFAULT_POLICY_VALUES,
  POLICY_KEYS,
  type PolicyKey,
  type PolicyVersion,
  type PolicyValues,
} from './policy-keys.ts';
import { requireCatalogEditor } from './catalog.policy.ts';
import { cachedPolicy, forgetPolicy } from './policy-cache.ts';
import { forgetCalendar } from './working-days.ts';
import { announceChanges } from '../db/change-notices.ts';

/** Writes the catalog of shared/src/catalog.ts into business_types (grants refer to it). */
export async function syncCatalog(db: DbOrTx, implemented: ReadonlySet<string>) {
  await upsertBusinessTypes(
    db,
    CATALOG.map((t) => ({
      code: t.code,
      name_zh: t.nameZh,
      name_en: t.nameEn,
      subject: t.subject,
      sla_working_days: t.slaWorkingDays,
      agent_allowed: t.agentAllowed,
      legal_basis: t.legalBasis,
      implemented: implemented.has(t.code),
    })),
  );
}

/** The business types whose rules and effects are built, as the last start recorded them. */
export async function implementedBusinessTypes(db: DbOrTx): Promise<ReadonlySet<string>> {
  return new Set(await implementedCodes(db));
}

export async function listBusinessTypes(db: DbOrTx) {
  const implemented = await implementedBusinessTypes(db);
  return { items: CATALOG.map((t) => ({ ...t, implemented: implemented.has(t.code) })) };
}

/** The policy values of the reader's city: national versions and the city's own. */
export async function listPolicies(db: DbOrTx, actor: Actor) {
  if (!hasRole(actor, 'admin', 'supervisor')) throw forbidden();
  const rows = await listPolicyValues(db, actor.cityCode);
  return {
    keys: Object.entries(POLICY_KEYS).map(([key, k]) => ({
      key,
      nameZh: k.nameZh,
      nameEn: k.nameEn,
      legalBasis: k.legalBasis,
    })),
    items: rows.map((r) => ({
      id: r.id,
      key: r.key,
      scope: r.city_code === null ? ('national' as const) : ('local' as const),
      value: r.value,
      effectiveFrom: r.effective_from,
      legalBasis: r.legal_basis,
      note: r.note,
      createdBy: r.created_by,
      createdAt: beijingInstant(r.created_at),
    })),
  };
}

/**
 * Adds a version of a policy value for the administrator's city (a local rule; national values
 * come with the installation). Versions take effect from today on at the earliest: the past stays
 * as it was decided, which keeps every earlier decision explainable.
 */
export async function addPolicyVersion(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof newPolicyValueSchema>,
) {
  requireCatalogEditor(actor);
  const key = input.key as PolicyKey;
  const def = POLICY_KEYS[key];
  const value = def.schema.safeParse(input.value);
  if (!value.success) {
    throw invalid(value.error.issues.map((i) => ({ path: 'value', message: i.message })));
  }
  const today = beijingDate(ctx.clock.now());
  if (input.effectiveFrom < today) {
    throw invalid([
      { path: 'effectiveFrom', message: '生效日期不能早于今天，已生效的政策不可追溯修改' },
    ]);
  }
  const added = await ctx.db.transaction().execute(async (tx) => {
    const id = await insertPolicyValue(tx, {
      cityCode: actor.cityCode,
      key,
      value: value.data,
      effectiveFrom: input.effectiveFrom,
      legalBasis: input.legalBasis ?? def.legalBasis,
      note: input.note,
      createdBy: actor.username,
    });
    if (!id) throw new AppError('CONFLICT', '该政策在此生效日期已有取值');
    await audit(tx, actor, ctx.clock.now(), {
      action: 'policy.version-added',
      entityType: 'policy',
      entityId: key,
      details: { value: value.data, effectiveFrom: input.effectiveFrom, note: input.note },
    });
    // The other server processes forget their policy when this commits (db/change-notices.ts).
    await announceChanges(tx, 'policy');
    return { id, key, value: value.data, effectiveFrom: input.effectiveFrom };
  });
  forgetPolicy(ctx.db);
  return added;
}

export async function calendarOfYear(db: DbOrTx, year: number) {
  const rows = await calendarExceptions(db, `${year}-01-01`, `${year}-12-31`);
  return { year, items: rows.map((r) => ({ day: r.day, kind: r.kind, name: r.name })) };
}

/** The calendar's exceptions (holidays, adjusted workdays) between two dates, by day. */
export async function calendarBetween(
  db: DbOrTx,
  from: string,
  to: string,
): Promise<Map<string, 'holiday' | 'workday'>> {
  const rows = await calendarExceptions(db, from, to);
  return new Map(rows.map((r) => [r.day, r.kind]));
}

/** Whether a day is a public holiday or a working weekend day (调休) by the calendar; else null. */
export async function calendarKindOf(db: DbOrTx, day: string) {
  const rows = await calendarExceptions(db, day, day);
  return rows[0]?.kind ?? null;
}

export async function setCalendarDay(
  ctx: AppContext,
  actor: Actor,
  day: string,
  entry: { kind: 'holiday' | 'workday'; name: string } | null,
) {
  requireCatalogEditor(actor);
  const db: Db = ctx.db;
  await db.transaction().execute(async (tx) => {
    if (entry) await upsertCalendarDay(tx, { day, ...entry });
    else await deleteCalendarDay(tx, day);
    await audit(tx, actor, ctx.clock.now(), {
      action: entry ? 'calendar.day-set' : 'calendar.day-cleared',
      entityType: 'calendar-day',
      entityId: day,
      details: entry ?? {},
    });
    // The other server processes forget their copy when this commits (db/change-notices.ts).
    await announceChanges(tx, 'calendar');
  });
  forgetCalendar(db);
}

/**
 * The values of some policy keys in force on a day, each checked by its key's schema (a value
 * that no longer fits its schema counts as not configured), and the snapshot stored with a
 * decision: each value with the date it took effect, so the decision stays explainable.
 */
export async function policyIn<K extends PolicyKey>(
  db: DbOrTx,
  keys: readonly K[],
  day: string,
  cityCode: string,
): Promise<{
  values: PolicyValues<K>;
  snapshot: Record<string, { value: unknown; effectiveFrom: string }>;
}> {
  const rows = await policyValuesOn(db, keys, day, cityCode);
  const values: Record<string, unknown> = Object.fromEntries(keys.map((k) => [k, null]));
  const snapshot: Record<string, { value: unknown; effectiveFrom: string }> = {};
  for (const row of rows) {
    const parsed = POLICY_KEYS[row.key as K].schema.safeParse(row.value);
    if (!parsed.success) continue;
    values[row.key] = parsed.data;
    snapshot[row.key] = { value: parsed.data, effectiveFrom: row.effective_from };
  }
  return { values: values as PolicyValues<K>, snapshot };
}

/**
 * What a refusal cites for a policy value it applied (1331: the rule actually applied): the
 * national version's legal basis; for a city's own version, that local policy first (its note and
 * effective date), then the basis it was recorded under. A city that set 1 issue where the
 * article allows 3 is cited as the city's policy, not as the article alone.
 */
export async function policyBasesOn<K extends PolicyKey>(
  db: DbOrTx,
  keys: readonly K[],
  day: string,
  cityCode: string,
): Promise<Record<K, string>> {
  const rows = await policySourceRows(db, keys, day, cityCode);
  const bases: Record<string, string> = Object.fromEntries(
    keys.map((k) => [k, POLICY_KEYS[k].legalBasis]),
  );
  for (const r of rows) {
    bases[r.key] =
      r.city_code === null
        ? r.legal_basis
        : `本市政策（${r.note ? `${r.note}，` : ''}${r.effective_from} 起施行）；${r.legal_basis}`;
  }
  return bases as Record<K, string>;
}

/**
 * `policyIn` for an application's decision: remembered for a few seconds (policy-cache.ts) for
 * `owner`, the pool handle; a miss reads on `db`, the decision's transaction.
 */
export async function policyForDecision<K extends PolicyKey>(
  owner: Db,
  db: DbOrTx,
  keys: readonly K[],
  day: string,
  cityCode: string,
) {
  return await cachedPolicy(owner, db, { keys, day, cityCode }, (on) =>
    policyIn(on, keys, day, cityCode),
  );
}

/** Forgets the policy remembered for `owner` (a change notice from another process). */
export function policyChanged(owner: Db) {
  forgetPolicy(owner);
}

/**
 * National policy values every installation starts with, in the caller's tx. Runs at every start:
 * a key that has no national version yet (a key added by a newer release) gets its defaults, and
 * a key that has one is left alone, so an office's own edits are never overwritten.
 */
export async function seedPolicyDefaults(tx: Tx) {
  const present = await nationalPolicyKeys(tx);
  const missing = DEFAULT_POLICY_VALUES.filter((p) => !present.has(p.key));
  await seedPolicyVersions(tx, null, missing);
}

/** Writes policy versions (national when `cityCode` is null), in the caller's transaction. */
export async function seedPolicyVersions(
  tx: Tx,
  cityCode: string | null,
  versions: readonly PolicyVersion[],
) {
  for (const p of versions) {
    await insertPolicyValue(tx, {
      ...p,
      cityCode,
      legalBasis: POLICY_KEYS[p.key].legalBasis,
      createdBy: 'system',
    });
  }
}
