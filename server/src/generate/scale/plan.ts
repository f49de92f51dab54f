import type pg from 'pg';
import { BUSINESS_TYPE_CODES, businessTypeInfo, type BusinessTypeCode } from '#shared/catalog.ts';
import { addWorkingDays } from '../../catalog/calendar.ts';
import { beijingDay } from './format.ts';
import { sizesOf, submissionClock, type Outlet, type Plan, type Scale } from './sizes.ts';

/**
 * How much of each type's business an outlet of a kind takes: the internet outlet most of what
 * may be done online, the city office more than a county office, a bank only its mortgages.
 */
const WEIGHT: Record<string, number> = {
  internet: 150,
  'city-office': 40,
  'branch-office': 25,
  'county-office': 15,
  'service-centre': 6,
  'used-car-market': 4,
  hospital: 4,
  'police-window': 3,
  'registration-station': 3,
  dealer: 2,
  'exam-site': 2,
  'inspection-station': 2,
};

/** Reads what the plan is made of from the database: the city, its outlets and their grants. */
export async function readPlan(
  client: pg.Client,
  opts: { scale: Scale; seed: number; year: number; cityCode: string },
): Promise<Omit<Plan, 'outlets' | 'stations' | 'examSites'> & { outletRows: OutletRow[] }> {
  const { rows: cities } = await client.query<{ plate_prefixes: string[]; office_name: string }>(
    'SELECT plate_prefixes, office_name FROM jurisdictions WHERE city_code = $1',
    [opts.cityCode],
  );
  const city = cities[0];
  if (!city) throw new Error(`no jurisdiction ${opts.cityCode}: seed the database first`);
  const { rows: counties } = await client.query<{ code: string }>(
    'SELECT code FROM regions WHERE parent_code = $1 ORDER BY code',
    [opts.cityCode],
  );
  // The outlets each business type is granted to (by category or by outlet), none denied.
  const { rows: outletRows } = await client.query<OutletRow>(
    `SELECT b.code AS type, o.code, o.name, o.category, o.county_code
       FROM business_types b
       JOIN outlets o ON o.city_code = $1 AND o.status = 'active'
      WHERE b.implemented
        AND EXISTS (SELECT 1 FROM grants g WHERE g.business_type = b.code AND g.effect = 'allow'
                       AND (g.outlet_code = o.code OR g.outlet_category = o.category))
        AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.business_type = b.code
                       AND g.effect = 'deny' AND g.outlet_code = o.code)
      ORDER BY b.code, o.code`,
    [opts.cityCode],
  );
  const { rows: codes } = await client.query<{ code: string; points: number; fine: string }>(
    `SELECT DISTINCT ON (code) code, points, fine_min AS fine FROM violation_codes
      WHERE city_code IS NULL AND category IS NULL AND effective_from <= $1
      ORDER BY code, effective_from DESC`,
    [`${opts.year}-01-01`],
  );
  if (!codes.length) throw new Error('no violation codes in force: migrate the database first');
  const { rows: calendar } = await client.query<{ day: string; kind: 'holiday' | 'workday' }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind FROM calendar_days`,
  );
  const exceptions = new Map(calendar.map((c) => [c.day, c.kind] as const));
  const sizes = sizesOf(opts.scale);
  const clock = submissionClock(opts.seed, opts.year);
  const submittedAt = (type: BusinessTypeCode, i: number) =>
    clock(BUSINESS_TYPE_CODES.indexOf(type), i, sizes.counts[type]);
  const older = sizes.vehicles - sizes.counts['vehicle.register'];
  const due = new Map<string, string>();
  return {
    ...opts,
    ...sizes,
    platePrefix: city.plate_prefixes[0]!,
    officeName: city.office_name,
    counties: counties.map((c) => c.code),
    owners: sizes.licences + Math.floor(sizes.vehicles / 10),
    codes: codes.map((c) => ({ code: c.code, points: c.points, fine: Number(c.fine) })),
    submittedAt,
    registeredOn: (k) => beijingDay(submittedAt('vehicle.register', k - older)),
    dueOn(type, day) {
      const key = `${type}|${day}`;
      let d = due.get(key);
      if (!d) {
        d = addWorkingDays(day, businessTypeInfo(type)!.slaWorkingDays, exceptions);
        due.set(key, d);
      }
      return d;
    },
    outletRows,
  };
}

export interface OutletRow {
  type: string;
  code: string;
  name: string;
  category: string;
  county_code: string;
}

/** Groups the granted outlets by business type, with cumulative weights for drawing one. */
export function outletsByType(rows: OutletRow[], staff: Map<string, { id: string; name: string }>) {
  const byCode = new Map<string, Outlet>();
  const outletOf = (r: OutletRow): Outlet => {
    let o = byCode.get(r.code);
    if (!o) {
      const s = staff.get(r.code)!;
      o = {
        code: r.code,
        name: r.name,
        category: r.category,
        countyCode: r.county_code,
        staffId: s.id,
        staffName: s.name,
      };
      byCode.set(r.code, o);
    }
    return o;
  };
  const result: Plan['outlets'] = {};
  for (const r of rows) {
    const entry = (result[r.type] ??= { outlets: [], cumulative: [] });
    entry.outlets.push(outletOf(r));
    entry.cumulative.push((entry.cumulative.at(-1) ?? 0) + (WEIGHT[r.category] ?? 1));
  }
  return { byType: result, all: [...byCode.values()] };
}
