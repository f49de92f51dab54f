import crypto from 'node:crypto';
import type { Db } from '../../server/src/db/database.ts';
import { createOutlet, createUser, idNumber } from './factories.ts';

/** An outlet of a county with one clerk of its own (the clerk's login included). */
export async function outletWithClerk(db: Db, countyCode: string) {
  const outlet = await createOutlet(db, { category: 'police-window', countyCode });
  const clerk = await createUser(db, { roles: ['clerk'], outletCode: outlet.code });
  return { outlet, clerk };
}

/**
 * An application of an outlet as the pipeline stores it, with the instants that matter to
 * handling times: accepted at `submittedAt`, completed at `completedAt` (or still open), due by
 * `slaDueOn`. Written directly so a test controls the durations to the second.
 */
export async function handledApplication(
  db: Db,
  a: {
    outlet: { code: string; countyCode: string; cityCode: string };
    submittedAt: string;
    completedAt: string | null;
    slaDueOn: string | null;
    status?: 'accepted' | 'completed' | 'refused';
    businessType?: string;
  },
) {
  const actor = await db
    .selectFrom('users')
    .select('id')
    .where('outlet_code', '=', a.outlet.code)
    .executeTakeFirstOrThrow();
  const id = crypto.randomUUID();
  const status = a.status ?? (a.completedAt ? 'completed' : 'accepted');
  await db
    .insertInto('applications')
    .values({
      city_code: a.outlet.cityCode,
      id,
      outlet_name: '测试网点',
      business_type: a.businessType ?? 'vehicle.plate-reissue',
      outlet_code: a.outlet.code,
      county_code: a.outlet.countyCode,
      channel: 'window',
      actor_user_id: actor.id,
      actor_name: null,
      office_name: null,
      applicant_id_number: idNumber(),
      applicant_name: '测试',
      applicant_phone: null,
      agent: null,
      data: '{}',
      status,
      // An open plate reissue waits for its plate (the lifecycle's first stage).
      stage: status === 'accepted' ? 'plate-in-production' : null,
      stage_entered_at: status === 'accepted' ? a.submittedAt : null,
      stage_due_on: status === 'accepted' ? a.slaDueOn : null,
      result: null,
      refusal: null,
      policy: '{}',
      idempotency_key: null,
      request_hash: id,
      submitted_at: a.submittedAt,
      completed_at: a.completedAt,
      sla_due_on: a.slaDueOn,
    })
    .execute();
  return id;
}
