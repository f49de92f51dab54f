import { sql, type Insertable } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import {
  outletDays,
  uptoBands,
  type OutletDaysList,
  type OutletDaysQuery,
} from '../db/outlet-days.sql.ts';
import { repeatedSubjects, type RepeatQuery } from '../db/repeated.sql.ts';
import type { LegacyApplicationsTable } from '../db/types.ts';
import { addDays, beijingDate } from '../platform/time.ts';

/** Inserts legacy business rows; returns the ids that went in (a repeated id is skipped). */
export async function insertLegacy(
  tx: Tx,
  rows: Insertable<LegacyApplicationsTable>[],
): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const inserted = await tx
    .insertInto('legacy_applications')
    .values(rows)
    .onConflict((oc) => oc.columns(['city_code', 'id']).doNothing())
    .returning('id')
    .execute();
  return new Set(inserted.map((r) => r.id));
}

/**
 * Legacy business of some days from their summaries, summed per outlet and group of days (each
 * day's group given beside it, e.g. its kind), in bands of quarters of an hour (`bounds`).
 */
export async function legacyBandRows(
  db: DbOrTx,
  f: {
    cityCode: string;
    /** Only these outlets' business; every outlet's when left out. */
    outletCodes?: readonly string[];
    days: readonly { day: string; group: string }[];
    bounds: readonly number[];
  },
) {
  if (!f.days.length) return [];
  const bands = uptoBands(f.bounds).map((b) => sql`sum(${b})`);
  const { rows } = await sql<{
    outlet_code: string;
    grp: string;
    n: number;
    refused: number;
    bands: number[];
  }>`
    SELECT s.outlet_code, g.grp, sum(s.n)::int AS n, sum(s.refused)::int AS refused,
           ARRAY[${sql.join(bands)}]::int[] AS bands
      FROM legacy_application_days s
      JOIN unnest(${f.days.map((d) => d.day)}::date[], ${f.days.map((d) => d.group)}::text[])
           AS g (day, grp) ON g.day = s.day
     WHERE s.city_code = ${f.cityCode}
       AND s.day >= ${f.days[0]!.day}::date AND s.day <= ${f.days.at(-1)!.day}::date
       ${f.outletCodes ? sql`AND s.outlet_code = ANY(${f.outletCodes}::text[])` : sql``}
     GROUP BY 1, 2`.execute(db);
  return rows;
}

/** Legacy business per outlet and Beijing day, in bands of quarters (`outletDays`). */
export async function legacyOutletDayRows(db: DbOrTx, f: OutletDaysQuery) {
  return await outletDays(db, 'legacy_applications', f);
}

/**
 * Legacy business per quarter on some days of some outlets (each [since, until) a run of whole
 * Beijing days, its bounds Beijing midnights), from the days' summaries: quarter q of a day
 * counts upto[q + 1] − upto[q]. Grouping the days' rows instead took 25 ms of a county-year run
 * for its 530 example days.
 */
export async function legacyOutletQuarterRows(db: DbOrTx, f: OutletDaysList) {
  const days = f.days.flatMap((d) => {
    const list: { outletCode: string; day: string }[] = [];
    const last = beijingDate(d.until);
    for (let day = beijingDate(d.since); day < last; day = addDays(day, 1)) {
      list.push({ outletCode: d.outletCode, day });
    }
    return list;
  });
  if (!days.length) return [];
  const { rows } = await sql<{ outlet_code: string; day: string; upto: number[] }>`
    SELECT d.outlet_code, d.day::text AS day, d.upto
      FROM unnest(${days.map((x) => x.outletCode)}::text[], ${days.map((x) => x.day)}::date[])
             AS p (outlet_code, day),
           -- One look-up by key per day (OFFSET 0 keeps the subquery apart): joined, it was
           -- planned as a hash of the city's every outlet-day, 40 ms for a few hundred days.
           LATERAL (SELECT outlet_code, day, upto FROM legacy_application_days
                     WHERE city_code = ${f.cityCode} AND day = p.day AND outlet_code = p.outlet_code
                    OFFSET 0) d`.execute(db);
  const quarters: { outlet_code: string; day: string; quarter: number; n: number }[] = [];
  for (const r of rows) {
    // Element q of the array is upto[q + 1]: the day's business in quarters 0…q.
    for (let q = 0; q < r.upto.length; q++) {
      const n = r.upto[q]! - (q === 0 ? 0 : r.upto[q - 1]!);
      if (n) quarters.push({ outlet_code: r.outlet_code, day: r.day, quarter: q, n });
    }
  }
  return quarters;
}

/** Legacy subjects (plate, or applicant for licence business) with repeated business. */
export async function legacyRepeatedRows(db: DbOrTx, f: RepeatQuery) {
  return await repeatedSubjects(db, 'legacy_applications', f);
}

/** Legacy business done by an agent, submitted in [since, until), in keyset pages. */
export async function legacyAgencyRows(
  db: DbOrTx,
  f: {
    cityCode: string;
    since: Date;
    until: Date;
    after?: { submittedAt: Date; id: string };
    limit: number;
  },
) {
  let q = db
    .selectFrom('legacy_applications')
    .selectAll()
    .where('city_code', '=', f.cityCode)
    .where('agent', 'is not', null)
    .where('submitted_at', '>=', f.since)
    .where('submitted_at', '<', f.until);
  if (f.after) {
    const a = f.after;
    q = q.where((eb) =>
      eb.or([
        eb('submitted_at', '>', a.submittedAt),
        eb.and([eb('submitted_at', '=', a.submittedAt), eb('id', '>', a.id)]),
      ]),
    );
  }
  return await q.orderBy('submitted_at').orderBy('id').limit(f.limit).execute();
}

/** What the undeclared-agent read returns of a line. */
const UNDECLARED_COLUMNS = [
  'id',
  'business_type',
  'outlet_code',
  'county_code',
  'staff_id',
  'channel',
  'applicant_id_number',
  'applicant_name',
  'applicant_phone',
  'device_id',
  'submitted_at',
  'status',
] as const;

/**
 * Legacy business without an agent submitted in [since, until) whose applicant phone, or own
 * online device, at least `minApplicants` distinct applicants gave: a count by contact (over the
 * partial indexes legacy_applications_undeclared_phone / _device), then those contacts' lines.
 */
export async function legacyUndeclaredRows(
  db: DbOrTx,
  f: { cityCode: string; since: Date; until: Date; minApplicants: number },
) {
  const ONLINE = ['internet', 'api'] as const;
  const inWindow = db
    .selectFrom('legacy_applications')
    .where('city_code', '=', f.cityCode)
    .where('agent', 'is', null)
    .where('submitted_at', '>=', f.since)
    .where('submitted_at', '<', f.until);
  const manyApplicants = sql<number>`count(DISTINCT applicant_id_number)`;
  const phones = inWindow
    .select('applicant_phone')
    .where('applicant_phone', 'is not', null)
    .groupBy('applicant_phone')
    .having(manyApplicants, '>=', f.minApplicants);
  const devices = inWindow
    .select('device_id')
    .where('device_id', 'is not', null)
    .where('channel', 'in', ONLINE)
    .groupBy('device_id')
    .having(manyApplicants, '>=', f.minApplicants);
  const [byPhone, byDevice] = [
    await inWindow.select(UNDECLARED_COLUMNS).where('applicant_phone', 'in', phones).execute(),
    await inWindow
      .select(UNDECLARED_COLUMNS)
      .where('channel', 'in', ONLINE)
      .where('device_id', 'in', devices)
      .execute(),
  ];
  // A line giving both a shared phone and a shared device is read twice: kept once.
  return [...new Map([...byPhone, ...byDevice].map((r) => [r.id, r])).values()];
}

/**
 * Legacy business without an agent brought in person to some outlets, submitted in [since,
 * until): who came to which clerk when (the outlets' usual split of work among their staff).
 */
export async function legacyWalkInRows(
  db: DbOrTx,
  f: { cityCode: string; outletCodes: readonly string[]; since: Date; until: Date },
) {
  if (!f.outletCodes.length) return [];
  return await db
    .selectFrom('legacy_applications')
    .select([
      'outlet_code',
      'county_code',
      'staff_id',
      'applicant_id_number',
      'business_type',
      'submitted_at',
      'status',
    ])
    .where('city_code', '=', f.cityCode)
    .where('outlet_code', 'in', f.outletCodes)
    .where('agent', 'is', null)
    .where('channel', 'in', ['window', 'social'])
    .where('submitted_at', '>=', f.since)
    .where('submitted_at', '<', f.until)
    .execute();
}
