import { sql, type ExpressionBuilder } from 'kysely';
import { compiledQuery } from '../db/compiled-query.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { Database } from '../db/types.ts';

/** A citizen account as the internet channel knows it (the user row is the auth area's). */
export interface CitizenRecord {
  cityCode: string;
  userId: string;
  idNumber: string;
  name: string;
  phone: string;
}

export async function insertCitizen(
  tx: Tx,
  c: CitizenRecord & { matchedIn: 'licence' | 'vehicle'; at: Date },
) {
  await tx
    .insertInto('citizens')
    .values({
      city_code: c.cityCode,
      user_id: c.userId,
      id_number: c.idNumber,
      name: c.name,
      phone: c.phone,
      matched_in: c.matchedIn,
      created_at: c.at,
    })
    .execute();
}

export async function findCitizen(
  db: DbOrTx,
  cityCode: string,
  userId: string,
): Promise<CitizenRecord | null> {
  const row = await db
    .selectFrom('citizens')
    .select(['city_code', 'user_id', 'id_number', 'name', 'phone'])
    .where('city_code', '=', cityCode)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row
    ? {
        cityCode: row.city_code,
        userId: row.user_id,
        idNumber: row.id_number,
        name: row.name,
        phone: row.phone,
      }
    : null;
}

// SMS codes -------------------------------------------------------------------------------------

export async function findSmsCode(db: DbOrTx, phone: string) {
  return await db.selectFrom('sms_codes').selectAll().where('phone', '=', phone).executeTakeFirst();
}

export async function saveSmsCode(
  db: DbOrTx,
  row: { phone: string; codeHash: string; sentAt: Date; expiresAt: Date },
) {
  const values = {
    phone: row.phone,
    code_hash: row.codeHash,
    sent_at: row.sentAt,
    expires_at: row.expiresAt,
    attempts: 0,
  };
  await db
    .insertInto('sms_codes')
    .values(values)
    .onConflict((oc) => oc.column('phone').doUpdateSet(values))
    .execute();
}

/**
 * Takes one attempt on a phone's live code: its hash, or null when the code has expired, has
 * had its attempts or was never sent. One statement: attempts made at once wait for the row and
 * see each other's count, so no more than `maxAttempts` are ever taken.
 */
export async function takeSmsAttempt(db: DbOrTx, phone: string, now: Date, maxAttempts: number) {
  const row = await db
    .updateTable('sms_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('phone', '=', phone)
    .where('expires_at', '>', now)
    .where('attempts', '<', maxAttempts)
    .returning('code_hash')
    .executeTakeFirst();
  return row?.code_hash ?? null;
}

/**
 * Takes one registration attempt on a subject (citizens.service.ts says which), in a window that
 * starts with the first attempt and lasts `windowMs`: null when taken, otherwise when the window
 * ends (nothing is counted then). One statement, so attempts made at once are counted one after
 * another.
 */
export async function takeRegistrationAttempt(
  db: DbOrTx,
  q: { subject: string; now: Date; windowMs: number; maxAttempts: number },
): Promise<Date | null> {
  const windowOver = sql<boolean>`registration_attempts.first_at <= ${new Date(q.now.getTime() - q.windowMs)}`;
  const taken = await db
    .insertInto('registration_attempts')
    .values({ subject: q.subject, first_at: q.now, attempts: 1 })
    .onConflict((oc) =>
      oc
        .column('subject')
        .doUpdateSet({
          first_at: sql`CASE WHEN ${windowOver} THEN ${q.now} ELSE registration_attempts.first_at END`,
          attempts: sql`CASE WHEN ${windowOver} THEN 1 ELSE registration_attempts.attempts + 1 END`,
        })
        .where((eb) =>
          eb.or([windowOver, eb('registration_attempts.attempts', '<', q.maxAttempts)]),
        ),
    )
    .returning('attempts')
    .executeTakeFirst();
  if (taken) return null;
  const row = await db
    .selectFrom('registration_attempts')
    .select('first_at')
    .where('subject', '=', q.subject)
    .executeTakeFirstOrThrow();
  return new Date(row.first_at.getTime() + q.windowMs);
}

export async function deleteSmsCode(db: DbOrTx, phone: string) {
  await db.deleteFrom('sms_codes').where('phone', '=', phone).execute();
}

// Bindings --------------------------------------------------------------------------------------

// Every citizen's own page reads it: built and compiled once.
const bindingsQuery = compiledQuery((db, v: { cityCode: string; userId: string }) =>
  db
    .selectFrom('citizen_vehicles')
    .select(['plate', 'own', 'bound_at'])
    .where('city_code', '=', v.cityCode)
    .where('user_id', '=', v.userId)
    .orderBy('bound_at'),
);

/** The plates bound to an account, in the order bound, when, and whether each was the holder's own. */
export async function bindingsOf(db: DbOrTx, cityCode: string, userId: string) {
  return await bindingsQuery(db, { cityCode, userId });
}

/** When an account bound a plate, or null when it has not. */
export async function boundAt(db: DbOrTx, cityCode: string, userId: string, plate: string) {
  const row = await db
    .selectFrom('citizen_vehicles')
    .select('bound_at')
    .where('city_code', '=', cityCode)
    .where('user_id', '=', userId)
    .where('plate', '=', plate)
    .executeTakeFirst();
  return row?.bound_at ?? null;
}

/**
 * Accounts other than the owner's bound to a plate of a city since `boundSince` (when the vehicle
 * carrying it now got the number). The owner is the registry's owner now, by identity number: the
 * `own` flag says who owned it when bound, and a car sold since is no longer the old owner's.
 */
export async function otherAccountsBoundTo(
  db: DbOrTx,
  cityCode: string,
  plate: string,
  ownerIdNumber: string,
  boundSince: Date | null,
) {
  let q = db
    .selectFrom('citizen_vehicles as b')
    .innerJoin('citizens as c', (j) =>
      j.onRef('c.city_code', '=', 'b.city_code').onRef('c.user_id', '=', 'b.user_id'),
    )
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('b.city_code', '=', cityCode)
    .where('b.plate', '=', plate)
    .where('c.id_number', '<>', ownerIdNumber);
  // Bindings of the number's earlier carrier are not of this vehicle.
  if (boundSince) q = q.where('b.bound_at', '>=', boundSince);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertBinding(
  tx: Tx,
  b: { cityCode: string; userId: string; plate: string; own: boolean; at: Date },
) {
  await tx
    .insertInto('citizen_vehicles')
    .values({
      city_code: b.cityCode,
      user_id: b.userId,
      plate: b.plate,
      own: b.own,
      bound_at: b.at,
    })
    .execute();
}

export async function deleteBinding(tx: Tx, cityCode: string, userId: string, plate: string) {
  const res = await tx
    .deleteFrom('citizen_vehicles')
    .where('city_code', '=', cityCode)
    .where('user_id', '=', userId)
    .where('plate', '=', plate)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** Serialises changes to one key (a plate's bindings, a slot's bookings) for this transaction. */
export async function lockKey(tx: Tx, key: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 12))`.execute(tx);
}

// Appointments ----------------------------------------------------------------------------------
//
// An appointment is active while its status is 'active' and its day is today (Beijing) or later:
// a day before today no longer holds the person's place, whatever the stored status says, until
// the person's next booking of the type marks it 'lapsed' (migration 20261230120000).

export interface AppointmentRecord {
  cityCode: string;
  id: string;
  userId: string;
  idNumber: string;
  outletCode: string;
  businessType: string;
  date: string;
  slot: string;
  status: 'active' | 'cancelled' | 'lapsed';
  createdAt: Date;
}

export async function insertAppointment(tx: Tx, a: AppointmentRecord) {
  await tx
    .insertInto('appointments')
    .values({
      city_code: a.cityCode,
      id: a.id,
      user_id: a.userId,
      id_number: a.idNumber,
      outlet_code: a.outletCode,
      business_type: a.businessType,
      day: a.date,
      slot: a.slot,
      status: a.status,
      created_at: a.createdAt,
    })
    .execute();
}

export async function findAppointment(
  db: DbOrTx,
  cityCode: string,
  id: string,
): Promise<AppointmentRecord | null> {
  const r = await db
    .selectFrom('appointments')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  return r
    ? {
        cityCode: r.city_code,
        id: r.id,
        userId: r.user_id,
        idNumber: r.id_number,
        outletCode: r.outlet_code,
        businessType: r.business_type,
        date: r.day,
        slot: r.slot,
        status: r.status,
        createdAt: r.created_at,
      }
    : null;
}

export async function cancelAppointmentRow(tx: Tx, cityCode: string, id: string, at: Date) {
  await tx
    .updateTable('appointments')
    .set({ status: 'cancelled', cancelled_at: at })
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .execute();
}

/** Active bookings per slot of an outlet on a day. */
export async function bookedSlots(db: DbOrTx, cityCode: string, outletCode: string, day: string) {
  const rows = await db
    .selectFrom('appointments')
    .select(['slot', (eb) => eb.fn.countAll<string>().as('n')])
    .where('city_code', '=', cityCode)
    .where('outlet_code', '=', outletCode)
    .where('day', '=', day)
    .where('status', '=', 'active')
    .groupBy('slot')
    .execute();
  return new Map(rows.map((r) => [r.slot, Number(r.n)]));
}

type PersonAndType = { cityCode: string; idNumber: string; businessType: string };

/** A person's appointments of a business type still stored active, whatever their day. */
const storedActive = (eb: ExpressionBuilder<Database, 'appointments'>, a: PersonAndType) =>
  eb.and([
    eb('city_code', '=', a.cityCode),
    eb('id_number', '=', a.idNumber),
    eb('business_type', '=', a.businessType),
    eb('status', '=', 'active'),
  ]);

/** The person's active appointment of a business type on `today`, if any. */
export async function activeAppointmentOf(
  db: DbOrTx,
  a: { cityCode: string; idNumber: string; businessType: string; today: string },
) {
  return await db
    .selectFrom('appointments')
    .select('id')
    .where((eb) => storedActive(eb, a))
    .where('day', '>=', a.today)
    .executeTakeFirst();
}

/**
 * Marks 'lapsed' the person's appointments of a business type still stored active whose day is
 * before `today`: the unique index of one active per person and type would refuse the new one.
 * Run under the person's lock, before the new appointment is written.
 */
export async function retireLapsedAppointments(
  tx: Tx,
  a: { cityCode: string; idNumber: string; businessType: string; today: string },
) {
  await tx
    .updateTable('appointments')
    .set({ status: 'lapsed' })
    .where((eb) => storedActive(eb, a))
    .where('day', '<', a.today)
    .execute();
}

/**
 * An account's active appointments on `today`, soonest first: at most one per business type,
 * so the list is short without a limit.
 */
export async function upcomingAppointmentsOf(
  db: DbOrTx,
  cityCode: string,
  userId: string,
  today: string,
) {
  const rows = await db
    .selectFrom('appointments')
    .select(['id', 'outlet_code', 'business_type', 'day', 'slot'])
    .where('city_code', '=', cityCode)
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .where('day', '>=', today)
    .orderBy('day')
    .orderBy('slot')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    outletCode: r.outlet_code,
    businessType: r.business_type,
    date: r.day,
    slot: r.slot,
  }));
}

/**
 * Bookings an account made since an instant (cancelled ones count: no bots), and when the
 * earliest of them was made (null when none), which is when the first leaves the window.
 */
export async function bookingsSince(db: DbOrTx, cityCode: string, userId: string, since: Date) {
  const row = await db
    .selectFrom('appointments')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('created_at').as('earliest')])
    .where('city_code', '=', cityCode)
    .where('user_id', '=', userId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), earliest: row.earliest ? new Date(row.earliest) : null };
}
