import type { BusinessTypeCode } from '#shared/catalog.ts';
import type { Appointment, BookableOutlet as OutletToBook } from '#shared/schemas/citizens.ts';
import { audit } from '../audit/audit.service.ts';
import { calendarKindOf, policyIn } from '../catalog/catalog.service.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import { checkDelegation } from '../delegation/delegation.service.ts';
import { outletsTakingInPerson } from '../delegation/places.service.ts';
import { outletHoursOf } from '../network/network.service.ts';
import { notLongTerm } from '../licences/licence-renew.rules.ts';
import { licenceOf } from '../licences/licences.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, forbidden, notFound } from '../platform/errors.ts';
import { addDays, beijingDate, beijingInstant } from '../platform/time.ts';
import { requireCitizen, type CitizenActor } from './citizens.policy.ts';
import {
  activeAppointmentOf,
  bookedSlots,
  bookingsSince,
  cancelAppointmentRow,
  findAppointment,
  insertAppointment,
  lockKey,
  retireLapsedAppointments,
  type AppointmentRecord,
} from './citizens.repository.ts';
import { slotsOf } from './slots.ts';
import { newId } from '../platform/ids.ts';

const POLICY = [
  'appointment.slot-minutes',
  'appointment.slot-capacity',
  'appointment.days-ahead',
  'appointment.max-bookings-per-day',
] as const;

/** The window of `appointment.max-bookings-per-day`: the last 24 hours. */
const BOOKING_WINDOW_MS = 86_400_000;

const present = (a: AppointmentRecord): Appointment => ({
  id: a.id,
  outletCode: a.outletCode,
  businessType: a.businessType,
  date: a.date,
  slot: a.slot,
  status: a.status,
  createdAt: beijingInstant(a.createdAt),
});

/** An outlet of the actor's city that takes appointments (not the online platform itself). */
async function bookableOutlet(db: DbOrTx, actor: Actor, code: string) {
  const outlet = await outletHoursOf(db, code);
  if (!outlet || outlet.cityCode !== actor.cityCode) throw notFound('网点');
  return outlet;
}

/**
 * Why a day has no slot to book at an outlet, in the words a person acts on: the internet
 * centre keeps no windows, the day lies outside the booking window, or the outlet does not open
 * that day. Null when the day opens (a suspended outlet is refused by the delegation rules).
 */
function closedReason(
  q: { category: string; date: string; today: string; lastDay: string; daysAhead: number },
  slots: readonly string[],
): { path: string; message: string } | null {
  if (q.category === 'internet') {
    return { path: 'outletCode', message: '互联网服务中心不设现场窗口，请选择办理现场业务的网点' };
  }
  if (q.date <= q.today) {
    return { path: 'date', message: `只能预约明天（${addDays(q.today, 1)}）起的日期` };
  }
  if (q.date > q.lastDay) {
    return { path: 'date', message: `只能预约${q.daysAhead}日内（至${q.lastDay}）的日期` };
  }
  if (!slots.length) return { path: 'date', message: `该网点${q.date}不对外办公，请选择其他日期` };
  return null;
}

/**
 * The day's slots with their capacity and places left; none outside the booking window, and none
 * while the outlet is suspended (its window would turn the person away; a booking says why).
 */
async function daySlots(ctx: AppContext, actor: Actor, outletCode: string, date: string) {
  const outlet = await bookableOutlet(ctx.db, actor, outletCode);
  const today = beijingDate(ctx.clock.now());
  const { values } = await policyIn(ctx.db, POLICY, today, actor.cityCode);
  const minutes = values['appointment.slot-minutes'] ?? 30;
  const capacity = values['appointment.slot-capacity'] ?? 6;
  const daysAhead = values['appointment.days-ahead'] ?? 14;
  const lastDay = addDays(today, daysAhead);
  const inWindow = outlet.category !== 'internet' && date > today && date <= lastDay;
  const hours = inWindow
    ? slotsOf(outlet.hours, date, await calendarKindOf(ctx.db, date), minutes)
    : [];
  const open = outlet.suspended ? [] : hours;
  const booked = await bookedSlots(ctx.db, outlet.cityCode, outlet.code, date);
  return {
    outlet,
    values,
    closed: closedReason({ category: outlet.category, date, today, lastDay, daysAhead }, hours),
    items: open.map((slot) => ({
      slot,
      capacity,
      left: Math.max(0, capacity - (booked.get(slot) ?? 0)),
    })),
  };
}

type BookableOutlet = Awaited<ReturnType<typeof bookableOutlet>>;

/** The field of the booking a delegation refusal is about. */
const REFUSED_FIELD: Record<string, string> = { OUTLET_SUSPENDED: 'outletCode' };

/**
 * The outlet must be able to take the business on the appointment's day, by the delegation rules
 * the pipeline applies at its window (放): a suspended outlet, or one not delegated the type,
 * would only turn the person away. Refused with the reason and where else to go.
 */
async function requireDelegated(
  ctx: AppContext,
  tx: Tx,
  outlet: BookableOutlet,
  businessType: BusinessTypeCode,
  date: string,
) {
  const refusals = await checkDelegation(ctx.db, tx, {
    outletCode: outlet.code,
    outletGuess: { category: outlet.category, cityCode: outlet.cityCode },
    businessType,
    today: date,
    agentPresent: false,
  });
  if (!refusals.length) return;
  const remedy = refusals.find((r) => r.remedy)?.remedy;
  const reasons = refusals.map((r) => r.message);
  throw new AppError(
    'UNPROCESSABLE',
    [...reasons, ...(remedy ? [remedy] : [])].join('；'),
    refusals.map((r) => ({ path: REFUSED_FIELD[r.code] ?? 'businessType', message: r.message })),
  );
}

/**
 * `GET /appointments/outlets?businessType=` (an addition to the contract): where the citizen may
 * book the type — the outlets of its city that take it in person today and keep hours — by name
 * and address, since a citizen knows no outlet codes. Only a citizen asks: staff have the
 * network's own list.
 */
export async function bookableOutlets(
  ctx: AppContext,
  actor: Actor,
  businessType: BusinessTypeCode,
): Promise<{ items: OutletToBook[] }> {
  const c = requireCitizen(actor);
  const outlets = await outletsTakingInPerson(ctx.db, {
    cityCode: c.cityCode,
    businessType,
    today: beijingDate(ctx.clock.now()),
  });
  return {
    items: outlets
      .filter((o) => o.hours !== null)
      .map((o) => ({ code: o.code, name: o.name, address: o.address })),
  };
}

/**
 * A renewal (驾驶证有效期满换证) of a long-term licence is never needed (R162 §62): the window
 * would only refuse it, so the booking is refused with the rule's own words. The renewal's other
 * conditions (its window around expiry, the medical certificate) are the window's to decide on
 * the day, with what the person brings.
 */
async function requireNeeded(ctx: AppContext, c: CitizenActor, businessType: BusinessTypeCode) {
  if (businessType !== 'licence.renew') return;
  const licence = await licenceOf(ctx.db, c.idNumber);
  const failure = notLongTerm.check({
    idNumber: c.idNumber,
    applicantName: c.name,
    today: beijingDate(ctx.clock.now()),
    licence,
    window: null,
    certificateNo: '',
    certificate: null,
    classesNeeded: [],
  });
  if (failure) {
    throw new AppError('UNPROCESSABLE', `${failure.message}；${failure.remedy}`, [
      { path: 'businessType', message: failure.message },
    ]);
  }
}

/** `GET /appointments/slots?outletCode=&date=`. */
export async function listSlots(ctx: AppContext, actor: Actor, outletCode: string, date: string) {
  return { items: (await daySlots(ctx, actor, outletCode, date)).items };
}

/**
 * `POST /appointments`: a citizen books a slot for itself, at an outlet that may take the
 * business on that day (422 otherwise). One active appointment per person and business type
 * (one whose day has passed no longer counts), a full slot is refused (409), and an account
 * books at most a few times a day (policy value; cancelled bookings count, so no bot can cycle
 * through slots).
 */
export async function bookAppointment(
  ctx: AppContext,
  actor: Actor,
  req: { outletCode: string; businessType: BusinessTypeCode; date: string; slot: string },
) {
  const c = requireCitizen(actor);
  const now = ctx.clock.now();
  const { outlet, values, items, closed } = await daySlots(ctx, actor, req.outletCode, req.date);
  const maxBookings = values['appointment.max-bookings-per-day'] ?? 5;
  const since = new Date(now.getTime() - BOOKING_WINDOW_MS);
  const made = await bookingsSince(ctx.db, c.cityCode, c.userId, since);
  if (made.count >= maxBookings) {
    // The next booking is possible once the earliest of the window's leaves it (Retry-After).
    const freed = (made.earliest?.getTime() ?? now.getTime()) + BOOKING_WINDOW_MS;
    const wait = Math.max(1, Math.ceil((freed - now.getTime()) / 1000));
    throw new AppError(
      'RATE_LIMITED',
      `24小时内最多预约${maxBookings}次，请于 ${beijingInstant(new Date(freed)).slice(0, 16).replace('T', ' ')} 后再试`,
      undefined,
      wait,
    );
  }
  await requireNeeded(ctx, c, req.businessType);
  const slot = items.find((s) => s.slot === req.slot);
  const person = {
    cityCode: c.cityCode,
    idNumber: c.idNumber,
    businessType: req.businessType,
    today: beijingDate(now),
  };
  const record: AppointmentRecord = {
    cityCode: c.cityCode,
    id: newId(),
    userId: c.userId,
    idNumber: c.idNumber,
    outletCode: outlet.code,
    businessType: req.businessType,
    date: req.date,
    slot: req.slot,
    status: 'active',
    createdAt: now,
  };
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await requireDelegated(ctx, tx, outlet, req.businessType, req.date);
      if (closed) throw new AppError('UNPROCESSABLE', closed.message, [closed]);
      if (!slot) {
        const message = `该网点${req.date}没有 ${req.slot} 的预约时段，可选时段：${items.map((s) => s.slot).join('、')}`;
        throw new AppError('UNPROCESSABLE', message, [{ path: 'slot', message }]);
      }
      await lockKey(tx, `appointment-person:${c.idNumber}|${req.businessType}`);
      await lockKey(tx, `appointment-slot:${outlet.code}|${req.date}|${req.slot}`);
      // Under the person's lock: a concurrent booking of the same type waits here, then finds
      // this one active (and the unique index refuses what slips past).
      await retireLapsedAppointments(tx, person);
      if (await activeAppointmentOf(tx, person)) {
        throw new AppError('CONFLICT', '您已有该业务的有效预约，请先取消原预约');
      }
      const booked = (await bookedSlots(tx, c.cityCode, outlet.code, req.date)).get(req.slot) ?? 0;
      if (booked >= slot.capacity) throw new AppError('CONFLICT', '该时段已约满，请选择其他时段');
      await insertAppointment(tx, record);
      await audit(tx, actor, now, {
        action: 'appointment.booked',
        entityType: 'appointment',
        entityId: record.id,
        details: {
          outletCode: outlet.code,
          businessType: req.businessType,
          date: req.date,
          slot: req.slot,
        },
      });
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23505') {
      throw new AppError('CONFLICT', '您已有该业务的有效预约，请先取消原预约');
    }
    throw e;
  }
  return present(record);
}

/**
 * `DELETE /appointments/{id}`: only its holder cancels it (another person: 403, as CONTRACT.md
 * answers one authenticated but not allowed). Cancelling one no longer active (cancelled
 * already, or its day passed) changes nothing: a past day stays as it was.
 */
export async function cancelAppointment(ctx: AppContext, actor: Actor, id: string) {
  requireCitizen(actor);
  const found = await findAppointment(ctx.db, actor.cityCode, id);
  if (!found) throw notFound('预约');
  if (found.userId !== actor.userId) throw forbidden('只有预约人本人可以取消预约');
  const now = ctx.clock.now();
  if (found.status !== 'active' || found.date < beijingDate(now)) return;
  await ctx.db.transaction().execute(async (tx) => {
    await cancelAppointmentRow(tx, found.cityCode, found.id, now);
    await audit(tx, actor, now, {
      action: 'appointment.cancelled',
      entityType: 'appointment',
      entityId: found.id,
      details: { outletCode: found.outletCode, date: found.date, slot: found.slot },
    });
  });
}
