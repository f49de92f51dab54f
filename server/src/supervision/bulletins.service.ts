import type { Bulletin } from '#shared/schemas/supervision.ts';
import { businessBands } from '../applications/activity.service.ts';
import { calendarBetween } from '../catalog/catalog.service.ts';
import type { DbOrTx } from '../db/database.ts';
import { jurisdictionOf, networkSummaryFor, outletDirectory } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import { addDays } from '../platform/time.ts';
import { periodContaining, type BulletinPeriod } from './bulletin-period.ts';
import { legacyBands } from './history.service.ts';
import type { DayKind } from '../network/opening-hours.ts';
import { dayKinds, extraQuarters } from './hours.ts';
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
  // Both platforms' business comes summed per outlet and kind of day, in bands of quarters
  // inside which no outlet's hours change: the pipeline's closed days and the legacy history
  // from their summaries, the pipeline's last days from its rows.
  const directory = outletDirectory(db, scope.cityCode);
  const kinds = calendarBetween(db, from, to).then(dayKinds);
  const extra = directory.then((outlets) => extraQuarters(outlets.values()));
  const read = { cityCode: scope.cityCode, countyCode: scope.countyCode, from, to };
  const [outlets, { masks, bounds }, business, legacy, network, alerts, dispositions, office] =
    await Promise.all([
      directory,
      extra,
      Promise.all([kinds, extra]).then(([groupOf, { bounds }]) =>
        businessBands(db, { ...read, groupOf, bounds }),
      ),
      Promise.all([kinds, directory, extra]).then(([groupOf, outlets, { bounds }]) =>
        legacyBands(db, {
          ...read,
          // The history's summaries are kept per outlet: a county is its outlets' business.
          outletCodes: scope.countyCode
            ? [...outlets.values()]
                .filter((o) => o.countyCode === scope.countyCode)
                .map((o) => o.code)
            : undefined,
          groupOf,
          bounds,
        }),
      ),
      networkSummaryFor(db, actor),
      alertSummary(db, { ...scope, from, to }),
      dispositionSummary(db, { ...scope, since, until }),
      jurisdictionOf(db, db, scope.cityCode),
    ]);
  const totals = zero();
  const byCategory = new Map<string, Count>();
  const byCounty = new Map<string, Count>();
  const count = (outletCode: string, countyCode: string, c: Count) => {
    const category = outlets.get(outletCode)?.category ?? 'unknown';
    if (!byCategory.has(category)) byCategory.set(category, zero());
    if (!byCounty.has(countyCode)) byCounty.set(countyCode, zero());
    for (const into of [totals, byCategory.get(category)!, byCounty.get(countyCode)!]) {
      into.applications += c.applications;
      into.completed += c.completed;
      into.refused += c.refused;
      into.extendedHours += c.extendedHours;
    }
  };
  // Outside ordinary hours: the bands its outlet's mask marks for the kind of day.
  const extended = (outletCode: string, kind: DayKind, bands: number[]) => {
    const mask = masks.get(outletCode)?.[kind];
    return mask ? bands.reduce((sum, n, i) => (mask[bounds[i]!] === '1' ? sum + n : sum), 0) : 0;
  };
  for (const r of business) {
    const extendedHours = extended(r.outletCode, r.group, r.bands);
    count(r.outletCode, r.countyCode, { ...r, applications: r.n, extendedHours });
  }
  for (const r of legacy) {
    count(r.outletCode, outlets.get(r.outletCode)?.countyCode ?? 'unknown', {
      applications: r.n,
      completed: r.n - r.refused,
      refused: r.refused,
      extendedHours: extended(r.outletCode, r.group, r.bands),
    });
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
    // A brigade's bulletin holds its county's figures only, and is issued under its own name.
    issuer:
      network.organisations.find((o) => o.kind === 'brigade' && o.countyCode === scope.countyCode)
        ?.name ?? office.officeName,
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
