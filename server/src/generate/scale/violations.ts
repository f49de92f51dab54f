import { channelOf } from '../../applications/pipeline.ts';
import { fineSettledOnRecording } from '../../violations/cycle.ts';
import { applicationId, violationId, type Context } from './applications.ts';
import { businessOf } from './business.ts';
import type { Field } from './binary-rows.ts';
import { beijingDay } from './format.ts';

const S_FATE = 81;
const S_COUNTY = 82;

/**
 * What became of record v: taken by a violation.handle of the year (and maybe paid by a
 * fine.pay), handled and paid before the platform (the office's former system: no application
 * here), or still waiting.
 */
function fateOf(ctx: Context, v: number) {
  const h = ctx.links.handlingOf(v);
  if (h >= 0) return { kind: 'platform' as const, h, f: ctx.links.paymentOf(h) };
  return {
    kind: ctx.random.unit(S_FATE, v) < 0.7 ? ('legacy' as const) : ('open' as const),
  };
}

export const VIOLATION_COLUMNS = [
  'city_code',
  'id',
  'county_code',
  'plate',
  'code',
  'occurred_at',
  'points',
  'fine',
  'status',
  'source',
  'recorded_at',
  'handled_by',
  'owner_id_number',
  'handled_on',
  'handled_at',
  'handled_application_id',
  'handled_outlet_code',
  'handled_user_id',
  'handled_channel',
  'handled_phone',
  'paid_at',
  'late_fee',
  'paid_application_id',
  'paid_outlet_code',
  'paid_channel',
] as const;

/**
 * The year's camera and on-site records (source `import`: they come from the enforcement
 * system), with their handling. A record a violation.handle took carries that application,
 * outlet, clerk and channel, exactly as the pipeline writes them; its fine.pay likewise.
 */
export function* violationRows(ctx: Context): Generator<Field[]> {
  const { w, links, random } = ctx;
  const counties = w.plan.counties;
  for (let v = 0; v < w.plan.violations; v++) {
    const k = links.violationVehicle(v);
    const code = links.code(v);
    const occurred = links.occurredAt(v);
    const fate = fateOf(ctx, v);
    // handled_by … handled_phone, then paid_at … paid_channel (VIOLATION_COLUMNS).
    let handled: Field[] = Array(9).fill(null);
    let paid: Field[] = Array(5).fill(null);
    let status = 'unhandled';
    const owner = w.people.idNumber(w.fleet.owner(k));
    if (fate.kind === 'platform') {
      const b = businessOf(w, links, ctx.candidates, 'violation.handle', fate.h);
      const at = b.at;
      handled = [
        w.people.idNumber(b.person),
        owner,
        beijingDay(at),
        at,
        applicationId(ctx, 'violation.handle', fate.h, b.at),
        b.outlet.code,
        b.outlet.staffId,
        channelOf(b.outlet.category as Parameters<typeof channelOf>[0]),
        w.people.phone(b.person),
      ];
      status = 'handled';
      if (fate.f >= 0) {
        const p = businessOf(w, links, ctx.candidates, 'fine.pay', fate.f);
        paid = [
          p.at,
          0,
          applicationId(ctx, 'fine.pay', fate.f, p.at),
          p.outlet.code,
          channelOf(p.outlet.category as Parameters<typeof channelOf>[0]),
        ];
        status = 'paid';
      }
    } else if (fate.kind === 'legacy') {
      const at = occurred + 3 * 86_400_000;
      const driver = w.people.idNumber(links.driver(v));
      handled = [driver, owner, beijingDay(at), at, null, null, null, null, null];
      paid = [occurred + 4 * 86_400_000, 0, null, null, null];
      status = 'paid';
    }
    yield [
      w.plan.cityCode,
      violationId(w, v),
      counties[random.int(S_COUNTY, v, counties.length)]!,
      w.fleet.plate(k),
      code.code,
      occurred,
      code.points,
      code.fine,
      status,
      'import',
      occurred + 3_600_000,
      ...handled,
      ...paid,
    ];
  }
}

export const POINT_COLUMNS = [
  'city_code',
  'id',
  'id_number',
  'kind',
  'points',
  'recorded_on',
  'violation_city_code',
  'violation_id',
  'application_id',
  'created_at',
  'fine_settled_on',
] as const;

/** The points ledger: one line per handled record that carries points. */
export function* pointRows(ctx: Context, firstId: number): Generator<Field[]> {
  const { w, links } = ctx;
  let id = firstId;
  for (let v = 0; v < w.plan.violations; v++) {
    const code = links.code(v);
    if (!code.points) continue;
    const fate = fateOf(ctx, v);
    if (fate.kind === 'open') continue;
    let driver: number;
    let at: number;
    let app: string | null = null;
    // When the fine was paid, as violationRows writes paid_at (null: not paid).
    let paidAt: number | null;
    if (fate.kind === 'platform') {
      const b = businessOf(w, links, ctx.candidates, 'violation.handle', fate.h);
      driver = b.person;
      at = b.at;
      app = applicationId(ctx, 'violation.handle', fate.h, b.at);
      paidAt = fate.f >= 0 ? businessOf(w, links, ctx.candidates, 'fine.pay', fate.f).at : null;
    } else {
      driver = links.driver(v);
      at = links.occurredAt(v) + 3 * 86_400_000;
      paidAt = links.occurredAt(v) + 4 * 86_400_000;
    }
    const recordedOn = beijingDay(at);
    yield [
      w.plan.cityCode,
      id++,
      w.people.idNumber(driver),
      'violation',
      code.points,
      recordedOn,
      w.plan.cityCode,
      violationId(w, v),
      app,
      at,
      fineSettledOnRecording(code.fine, recordedOn) ??
        (paidAt === null ? null : beijingDay(paidAt)),
    ];
  }
}
