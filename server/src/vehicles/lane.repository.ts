import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';

/** Where a lane's stage rows live: the application and the office running its lane. */
export interface LanePlace {
  cityCode: string;
  applicationId: string;
}

export async function enterLaneStage(
  tx: Tx,
  s: LanePlace & { stage: string; outletCode: string; countyCode: string; vin: string; at: Date },
) {
  await tx
    .insertInto('lane_stages')
    .values({
      city_code: s.cityCode,
      application_id: s.applicationId,
      stage: s.stage,
      outlet_code: s.outletCode,
      county_code: s.countyCode,
      vin: s.vin,
      entered_at: s.at,
    })
    .execute();
}

export async function finishLaneStage(
  tx: Tx,
  s: LanePlace & { stage: string; at: Date; staff: string; outcome: 'done' | 'withdrawn' },
) {
  await tx
    .updateTable('lane_stages')
    .set({ finished_at: s.at, staff: s.staff, outcome: s.outcome })
    .where('city_code', '=', s.cityCode)
    .where('application_id', '=', s.applicationId)
    .where('stage', '=', s.stage)
    .where('finished_at', 'is', null)
    .execute();
}

/**
 * The open stages of an outlet's lane (one per registration in progress), longest waiting first,
 * by keyset on (entered_at, application_id), with when each lane started and who finished the
 * stage before.
 */
export async function openLaneStages(
  db: DbOrTx,
  f: {
    cityCode: string;
    outletCode: string;
    after?: { enteredAt: Date; applicationId: string };
    limit: number;
  },
) {
  let query = db
    .selectFrom('lane_stages as s')
    .leftJoin('lane_stages as prev', (join) =>
      join
        .onRef('prev.city_code', '=', 's.city_code')
        .onRef('prev.application_id', '=', 's.application_id')
        .onRef('prev.finished_at', '=', 's.entered_at'),
    )
    .select([
      's.application_id as applicationId',
      's.vin',
      's.stage',
      's.entered_at as enteredAt',
      'prev.staff as previousStaff',
      sql<Date>`(SELECT min(f.entered_at) FROM lane_stages f
        WHERE f.city_code = s.city_code AND f.application_id = s.application_id)`.as('startedAt'),
    ])
    .where('s.city_code', '=', f.cityCode)
    .where('s.outlet_code', '=', f.outletCode)
    .where('s.finished_at', 'is', null);
  if (f.after) {
    const { enteredAt, applicationId } = f.after;
    query = query.where(
      sql<boolean>`(s.entered_at, s.application_id) > (${enteredAt}, ${applicationId}::uuid)`,
    );
  }
  return await query.orderBy('s.entered_at').orderBy('s.application_id').limit(f.limit).execute();
}

const seconds = sql<number>`extract(epoch FROM finished_at - entered_at)`;

/** Count, median and 90th percentile of the seconds each finished stage took, by stage. */
export async function stageDurations(
  db: DbOrTx,
  f: { cityCode: string; outletCode: string; from: Date; to: Date },
) {
  const rows = await db
    .selectFrom('lane_stages')
    .select([
      'stage',
      sql<number>`count(*)::int`.as('count'),
      sql<number>`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds})`.as('median'),
      sql<number>`percentile_cont(0.9) WITHIN GROUP (ORDER BY ${seconds})`.as('p90'),
    ])
    .where('city_code', '=', f.cityCode)
    .where('outlet_code', '=', f.outletCode)
    .where('outcome', '=', 'done')
    .where('finished_at', '>=', f.from)
    .where('finished_at', '<', f.to)
    .groupBy('stage')
    .execute();
  return rows;
}

/**
 * The same over whole lanes, first stage entered to last stage finished, for the lanes whose
 * last stage (`lastStage`) finished in the period.
 */
export async function laneDurations(
  db: DbOrTx,
  f: {
    cityCode: string;
    outletCode: string;
    firstStage: string;
    lastStage: string;
    from: Date;
    to: Date;
  },
) {
  const total = sql<number>`extract(epoch FROM l.finished_at - s.entered_at)`;
  return await db
    .selectFrom('lane_stages as l')
    .innerJoin('lane_stages as s', (join) =>
      join
        .onRef('s.city_code', '=', 'l.city_code')
        .onRef('s.application_id', '=', 'l.application_id')
        .on('s.stage', '=', f.firstStage),
    )
    .select([
      sql<number>`count(*)::int`.as('count'),
      sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${total})`.as('median'),
      sql<number | null>`percentile_cont(0.9) WITHIN GROUP (ORDER BY ${total})`.as('p90'),
    ])
    .where('l.city_code', '=', f.cityCode)
    .where('l.outlet_code', '=', f.outletCode)
    .where('l.stage', '=', f.lastStage)
    .where('l.outcome', '=', 'done')
    .where('l.finished_at', '>=', f.from)
    .where('l.finished_at', '<', f.to)
    .executeTakeFirstOrThrow();
}
