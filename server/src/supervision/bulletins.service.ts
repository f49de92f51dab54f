import type { Bulletin } from '#shared/schemas/supervision.ts';
import { businessActivity, type ActivityRow } from '../applications/activity.service.ts';
import { calendarBetween } from '../catalog/catalog.service.ts';
import type { DbOrTx } from '../db/database.ts';
import { networkSummaryFor, outletDirectory } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import { addDays } from '../platform/time.ts';
import { periodContaining, type BulletinPeriod } from './bulletin-period.ts';
import { legacyActivity } from './history.service.ts';
import { classifyQuarter, dayKind } from './hours.ts';
import { startOf } from './sources.ts';
import { alertSummary, dispositionSummary } from './supervision.repository.ts';
import { supervisionScope } from './supervision.policy.ts';

type Count = Bulletin['totals'];
const zero = (): Count => ({ applications: 0, completed: 0, refused: 0, extendedHours: 0 });

/**
 * A bulletin (监管研判通报) of the reader's jurisdiction for the period containing `date`:
 * business totals (live and legacy), by outlet category and by county, business outside
 * ordinary hours (extended, weekend and holiday sessions, and any when closed), alerts of the
 * period by rule and status, and the dispositions made in it.
 */
export async function bulletinFor(
  db: DbOrTx,
  actor: Actor,
  kind: BulletinPeriod,
  date: string,
): Promise<Bulletin> {
  const scope = supervisionScope(actor);
  const { from, to } = periodContaining(kind, date);
  const since = startOf(from);
  const until = startOf(addDays(to, 1));
  const f = { cityCode: scope.cityCode, countyCode: scope.countyCode, since, until };
  const [outlets, calendar, live, legacy, network, alerts, dispositions] = await Promise.all([
    outletDirectory(db, scope.cityCode),
    calendarBetween(db, from, to),
    businessActivity(db, f),
    legacyActivity(db, f),
    networkSummaryFor(db, actor),
    alertSummary(db, { ...scope, from, to }),
    dispositionSummary(db, { ...scope, since, until }),
  ]);
  const totals = zero();
  const byCategory = new Map<string, Count>();
  const byCounty = new Map<string, Count>();
  const add = (c: Count, r: ActivityRow, extended: boolean) => {
    c.applications += r.n;
    if (r.status === 'completed') c.completed += r.n;
    if (r.status === 'refused') c.refused += r.n;
    if (extended) c.extendedHours += r.n;
  };
  for (const r of [...live, ...legacy]) {
    const outlet = outlets.get(r.outletCode);
    const place = classifyQuarter(outlet?.hours ?? null, dayKind(r.day, calendar), r.quarter);
    const extended = place !== 'ordinary';
    const category = outlet?.category ?? 'unknown';
    add(totals, r, extended);
    if (!byCategory.has(category)) byCategory.set(category, zero());
    add(byCategory.get(category)!, r, extended);
    if (!byCounty.has(r.countyCode)) byCounty.set(r.countyCode, zero());
    add(byCounty.get(r.countyCode)!, r, extended);
  }
  const countyName = new Map(network.regions.map((r) => [r.code, r.name]));
  const alertRows = new Map<string, Bulletin['alerts'][number]>();
  for (const a of alerts) {
    const key = `${a.rule}|${a.severity}`;
    const row = alertRows.get(key) ?? {
      rule: a.rule,
      severity: a.severity,
      open: 0,
      assigned: 0,
      closed: 0,
    };
    row[a.status] += a.n;
    alertRows.set(key, row);
  }
  return {
    period: kind,
    from,
    to,
    scope: { cityCode: scope.cityCode, countyCode: scope.countyCode ?? null },
    totals,
    byCategory: [...byCategory]
      .map(([category, c]) => ({ category, ...c }))
      .sort((a, b) => b.applications - a.applications || a.category.localeCompare(b.category)),
    byCounty: [...byCounty]
      .map(([countyCode, c]) => ({
        countyCode,
        countyName: countyName.get(countyCode) ?? countyCode,
        ...c,
      }))
      .sort((a, b) => a.countyCode.localeCompare(b.countyCode)),
    alerts: [...alertRows.values()],
    dispositions: dispositions.map((d) => ({ action: d.action, count: d.n })),
  };
}
