import crypto from 'node:crypto';
import type { CitizenMe, CitizenRegistration } from '#shared/schemas/citizens.ts';
import { maskIdNumber } from '#shared/validators/index.ts';
import { applicationsOfApplicant } from '../applications/applications.service.ts';
import { onsiteMarkOf } from '../applications/onsite.service.ts';
import { audit } from '../audit/audit.service.ts';
import { accountExists, createCitizenAccount } from '../auth/auth.service.ts';
import { policyIn } from '../catalog/catalog.service.ts';
import type { DbOrTx } from '../db/database.ts';
import type { DriverPoints } from '../licences/points-port.ts';
import { openCandidacyOf } from '../licences/candidacy.service.ts';
import { licenceOf, licenceOfHolder } from '../licences/licences.service.ts';
import { cityCodes, internetOutletOf, outletNames } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, notFound, unprocessable } from '../platform/errors.ts';
import { logSender } from '../platform/sms.ts';
import { sha256 } from '../platform/signing.ts';
import { beijingDate } from '../platform/time.ts';
import {
  vehicleFactsByPlate,
  vehiclesOwnedBy,
  vehiclesWithPlates,
} from '../vehicles/vehicles.service.ts';
import { requireCitizen, type CitizenActor } from './citizens.policy.ts';
import {
  bindingsOf,
  boundAt,
  deleteBinding,
  deleteSmsCode,
  findSmsCode,
  insertBinding,
  insertCitizen,
  lockKey,
  otherAccountsBoundTo,
  saveSmsCode,
  takeRegistrationAttempt,
  takeSmsAttempt,
  upcomingAppointmentsOf,
} from './citizens.repository.ts';

/**
 * A code is valid this long, may be asked for again after a minute, and serves 5 registration
 * attempts, whatever their outcome: each failed attempt tells something about the registries
 * (is this identity number in one, is this its holder's name), so one code must not ask freely.
 */
const CODE_VALID_MS = 5 * 60_000;
const CODE_RESEND_MS = 60_000;
const CODE_MAX_ATTEMPTS = 5;
/**
 * Attempts past the SMS code a day: 5 on one identity number from one phone, 10 from one phone on
 * any identity numbers. Both keys name a phone the requester proved with its code, so a stranger
 * cannot spend the attempts of the holder's own phone, as one count per identity number from any
 * phone let anyone lock a person out with 5 wrong names (until 2027-01-08). Guessing one holder's
 * name takes a phone receiving SMS for every 5 guesses a day; asking about many identity numbers,
 * one for every 10. Constants, not policy values: policies are a city's, and the city is known
 * only once the registries have been asked, which is what the limits guard.
 */
const REGISTRATION_WINDOW_MS = 86_400_000;
const REGISTRATION_MAX_PER_IDENTITY_AND_PHONE = 5;
const REGISTRATION_MAX_PER_PHONE = 10;

const codeHash = (phone: string, code: string) => sha256(`sms|${phone}|${code}`);

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

/**
 * Demo mode (CONTRACT.md): the demo network was seeded and CHEGUAN_DEMO is not `off`. The demo
 * accounts exist only where the demo was seeded, so their presence tells.
 */
async function demoMode(ctx: AppContext) {
  return ctx.env.CHEGUAN_DEMO !== 'off' && (await accountExists(ctx.db, 'clerk.city'));
}

/**
 * `POST /citizens/sms-codes`: sends a fresh 6-digit code to a phone through the installation's
 * sender (the log by default). At most one code a minute per phone; only its hash is kept.
 */
export async function sendSmsCode(
  ctx: AppContext,
  phone: string,
  log: { info(obj: object, msg: string): void },
): Promise<{ demoCode?: string }> {
  const now = ctx.clock.now();
  const earlier = await findSmsCode(ctx.db, phone);
  if (earlier && now.getTime() - earlier.sent_at.getTime() < CODE_RESEND_MS) {
    const wait = Math.ceil((CODE_RESEND_MS - (now.getTime() - earlier.sent_at.getTime())) / 1000);
    throw new AppError('RATE_LIMITED', `验证码发送过于频繁，请 ${wait} 秒后再试`, undefined, wait);
  }
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  await saveSmsCode(ctx.db, {
    phone,
    codeHash: codeHash(phone, code),
    sentAt: now,
    expiresAt: new Date(now.getTime() + CODE_VALID_MS),
  });
  const sender = ctx.sms ?? logSender(log);
  await sender.send(phone, `【车管】您的验证码为 ${code}，5分钟内有效。请勿告诉他人。`);
  return (await demoMode(ctx)) ? { demoCode: code } : {};
}

/** Takes an attempt on a phone's code and checks it; the attempt is used up whatever follows. */
async function checkSmsCode(ctx: AppContext, phone: string, code: string) {
  const hash = await takeSmsAttempt(ctx.db, phone, ctx.clock.now(), CODE_MAX_ATTEMPTS);
  if (!hash) throw unprocessable('短信验证码已过期或不存在，请重新获取');
  const expected = Buffer.from(hash, 'hex');
  const actual = Buffer.from(codeHash(phone, code), 'hex');
  if (!crypto.timingSafeEqual(expected, actual)) throw unprocessable('短信验证码不正确');
}

/**
 * Takes an attempt of a phone (proved by its code) on an identity number: one of the phone's and
 * one of the pair's, both or neither (a refusal counts nothing).
 */
async function takeIdentityAttempt(ctx: AppContext, idNumber: string, phone: string) {
  const now = ctx.clock.now();
  const limits = [
    {
      subject: `phone:${phone}`,
      maxAttempts: REGISTRATION_MAX_PER_PHONE,
      message: '该手机号码注册尝试次数过多',
    },
    {
      subject: `pair:${idNumber}|${phone}`,
      maxAttempts: REGISTRATION_MAX_PER_IDENTITY_AND_PHONE,
      message: '该身份证明号码在此手机号码上注册尝试次数过多',
    },
  ];
  await ctx.db.transaction().execute(async (tx) => {
    for (const limit of limits) {
      const until = await takeRegistrationAttempt(tx, {
        subject: limit.subject,
        now,
        windowMs: REGISTRATION_WINDOW_MS,
        maxAttempts: limit.maxAttempts,
      });
      if (!until) continue;
      const wait = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
      throw new AppError(
        'RATE_LIMITED',
        `${limit.message}，请 ${Math.ceil(wait / 3600)} 小时后再试`,
        undefined,
        wait,
      );
    }
  });
}

/**
 * Real-name check (实名认证): the identity number and name must match the licence registry (a
 * licence, or a learner's open candidacy: the file the office opened when it took the first
 * application in, so a learner can book its exams online), or the owner of a vehicle in a
 * vehicle registry. The account belongs to that registry's city.
 */
async function realName(
  db: DbOrTx,
  idNumber: string,
  name: string,
): Promise<{ cityCode: string; matchedIn: 'licence' | 'vehicle' }> {
  const licence = await licenceOf(db, idNumber);
  if (licence) {
    if (licence.name !== name) throw unprocessable('姓名与驾驶证登记信息不一致，实名认证未通过');
    return { cityCode: licence.cityCode, matchedIn: 'licence' };
  }
  const candidacy = await openCandidacyOf(db, idNumber);
  if (candidacy) {
    if (candidacy.name !== name) {
      throw unprocessable('姓名与驾驶证申请受理信息不一致，实名认证未通过');
    }
    return { cityCode: candidacy.cityCode, matchedIn: 'licence' };
  }
  for (const cityCode of await cityCodes(db)) {
    const owned = await vehiclesOwnedBy(db, cityCode, idNumber);
    if (!owned.length) continue;
    if (!owned.some((v) => v.ownerName === name)) {
      throw unprocessable('姓名与机动车登记信息不一致，实名认证未通过');
    }
    return { cityCode, matchedIn: 'vehicle' };
  }
  throw unprocessable(
    '未在驾驶证（含已受理的驾驶证申请）或机动车登记信息中找到该身份证明号码，实名认证未通过',
  );
}

/**
 * `POST /citizens`: a real-name account, after the SMS code and the registry check. Every attempt
 * uses up one of the code's tries, and once past the code one of the phone's and of the pair's.
 */
export async function registerCitizen(ctx: AppContext, input: CitizenRegistration) {
  await checkSmsCode(ctx, input.phone, input.smsCode);
  await takeIdentityAttempt(ctx, input.idNumber, input.phone);
  if (await accountExists(ctx.db, input.idNumber)) {
    throw new AppError('CONFLICT', '该身份证明号码已注册账号');
  }
  if (await accountExists(ctx.db, input.phone)) {
    throw new AppError('CONFLICT', '该手机号码已注册账号');
  }
  const { cityCode, matchedIn } = await realName(ctx.db, input.idNumber, input.name);
  const outlet = await internetOutletOf(ctx.db, cityCode);
  if (!outlet) throw unprocessable('本市尚未开通互联网服务');
  const now = ctx.clock.now();
  try {
    const userId = await ctx.db.transaction().execute(async (tx) => {
      const id = await createCitizenAccount(tx, {
        cityCode,
        phone: input.phone,
        idNumber: input.idNumber,
        name: input.name,
        password: input.password,
        outletCode: outlet.code,
      });
      await insertCitizen(tx, {
        cityCode,
        userId: id,
        idNumber: input.idNumber,
        name: input.name,
        phone: input.phone,
        matchedIn,
        at: now,
      });
      await deleteSmsCode(tx, input.phone);
      await audit(tx, null, now, {
        action: 'citizen.registered',
        entityType: 'citizen',
        entityId: id,
        details: { idNumber: maskIdNumber(input.idNumber), matchedIn, outletCode: outlet.code },
        cityCode,
      });
      return id;
    });
    return { id: userId, idNumber: input.idNumber, name: input.name, phone: input.phone };
  } catch (e) {
    // Two registrations of the same identity or phone raced: the loser is a duplicate.
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', '该身份证明号码或手机号码已注册账号');
    throw e;
  }
}

/**
 * Whether a binding is of the vehicle carrying its plate now: made after that vehicle began to
 * carry the number. A number given up at a transfer or deregistration is drawn again for another
 * vehicle (R164 §43), and a binding of its earlier carrier says nothing of the new one.
 */
const bindsCarrier = (boundAt: Date, plateSince: Date | null) =>
  plateSince === null || boundAt.getTime() >= plateSince.getTime();

/** When the vehicle carrying a plate now got the number (null: no vehicle, or not known). */
async function plateSince(db: DbOrTx, cityCode: string, plate: string) {
  const [carrier] = await vehiclesWithPlates(db, cityCode, [plate]);
  return carrier?.plateSince ?? null;
}

/**
 * An account's bindings, each with whether it binds the vehicle carrying its plate now
 * (`current`: not when no vehicle carries it any more, or a deregistered one), who owns that
 * vehicle now (`own` is who owned it when bound) and when it got the number.
 */
async function currentBindings(db: DbOrTx, cityCode: string, userId: string) {
  const bindings = await bindingsOf(db, cityCode, userId);
  if (!bindings.length) return [];
  const carriers = new Map(
    (
      await vehiclesWithPlates(
        db,
        cityCode,
        bindings.map((b) => b.plate),
      )
    ).map((v) => [v.plate, v]),
  );
  return bindings.map((b) => {
    const carrier = carriers.get(b.plate);
    return {
      plate: b.plate,
      own: b.own,
      ownerIdNumber: carrier?.ownerIdNumber ?? null,
      plateSince: carrier?.plateSince ?? null,
      current:
        !!carrier &&
        carrier.status !== 'deregistered' &&
        bindsCarrier(b.bound_at, carrier.plateSince),
    };
  });
}

/**
 * Vehicles of a citizen: those it owns in the registry and those bound to its account, never a
 * deregistered one (its plates were taken back, and nothing of it is done online), whoever owns
 * it, nor another vehicle given the number of one bound (bindsCarrier). `own` is the registry's
 * answer now: a car bound as its owner's and sold since is someone else's (as the binding caps
 * count it, otherAccountsBoundTo).
 */
async function vehiclesOf(db: DbOrTx, c: CitizenActor) {
  const [owned, bound] = await Promise.all([
    vehiclesOwnedBy(db, c.cityCode, c.idNumber),
    currentBindings(db, c.cityCode, c.userId),
  ]);
  const plates = new Map<string, boolean>();
  for (const v of owned) if (v.plate && v.status !== 'deregistered') plates.set(v.plate, true);
  for (const b of bound) {
    if (b.current && !plates.has(b.plate)) plates.set(b.plate, b.ownerIdNumber === c.idNumber);
  }
  return [...plates].map(([plate, own]) => ({ plate, own }));
}

/**
 * `GET /citizens/me`: the holder, its licence and points, vehicles, recent business, and the
 * appointments still to come (with their ids, to cancel one).
 */
export async function citizenMe(
  ctx: AppContext,
  actor: Actor,
  points: DriverPoints,
): Promise<CitizenMe> {
  const c = requireCitizen(actor);
  const [licence, vehicles, apps, appointments] = await Promise.all([
    licenceOfHolder(ctx, actor, c.idNumber, points),
    vehiclesOf(ctx.db, c),
    applicationsOfApplicant(ctx.db, { cityCode: c.cityCode, idNumber: c.idNumber, limit: 50 }),
    upcomingAppointmentsOf(ctx.db, c.cityCode, c.userId, beijingDate(ctx.clock.now())),
  ]);
  const outlets = await outletNames(
    ctx.db,
    appointments.map((a) => a.outletCode),
  );
  return {
    person: { idNumber: c.idNumber, name: c.name, phone: c.phone },
    licence,
    vehicles,
    applications: apps.map((a) => ({
      id: a.id,
      businessType: a.businessType,
      status: a.status,
      ...(a.stage ? { stage: a.stage } : {}),
      ...(a.status === 'accepted' && (a.stageDueOn ?? a.slaDueOn)
        ? { dueDate: (a.stageDueOn ?? a.slaDueOn)! }
        : {}),
      // Turned to on-site handling by supervision: the advice, not the supervisor's reason.
      ...(onsiteMarkOf(a.result) ? { onsite: onsiteMarkOf(a.result)! } : {}),
    })),
    appointments: appointments.map((a) => ({
      ...a,
      outletName: outlets.get(a.outletCode)?.name ?? a.outletCode,
    })),
  };
}

/**
 * 12123's rule for someone else's vehicle (非本人机动车备案, regulations.md §6 [S]): only a small
 * non-operating car, a new-energy one included; an operating or large vehicle is its owner's.
 */
const bindableByOthers = (v: { vehicleType: string; useNature: string }) =>
  (v.vehicleType === 'small-car' || v.vehicleType === 'small-new-energy') &&
  v.useNature === 'non-operating';

/**
 * `POST /citizens/me/vehicles`: binds a vehicle to the account, within the 12123 caps (policy
 * values): other people's vehicles per account, and accounts other than the owner's per vehicle.
 */
export async function bindVehicle(ctx: AppContext, actor: Actor, plate: string) {
  const c = requireCitizen(actor);
  // An account binds vehicles of its own city's registry; another city's does not exist for it.
  const vehicle = await vehicleFactsByPlate(ctx.db, plate);
  if (!vehicle || vehicle.cityCode !== c.cityCode) throw notFound('机动车');
  // A deregistered vehicle's plates were taken back: nothing of it is done online any more, and
  // a binding would only take a place of the caps.
  if (vehicle.status === 'deregistered') {
    throw unprocessable('该机动车已注销登记，不能绑定');
  }
  const own = vehicle.ownerIdNumber === c.idNumber;
  if (!own && !bindableByOthers(vehicle)) {
    throw unprocessable('非本人机动车仅可绑定小型非营运载客汽车（含小型新能源汽车）');
  }
  const now = ctx.clock.now();
  const { values } = await policyIn(
    ctx.db,
    ['citizen.binding.max-other-vehicles', 'citizen.binding.max-accounts-per-vehicle'],
    beijingDate(now),
    c.cityCode,
  );
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await lockKey(tx, `binding:${plate}`);
      await lockKey(tx, `account:${c.userId}`);
      // A binding of a number's earlier carrier (bindsCarrier) is none of the vehicle carrying
      // it now: it neither stands in the way of binding that vehicle nor takes a place of a cap.
      const mine = await currentBindings(tx, c.cityCode, c.userId);
      const earlier = mine.find((b) => b.plate === plate);
      if (earlier?.current) throw new AppError('CONFLICT', '该机动车已绑定');
      const maxOther = values['citizen.binding.max-other-vehicles'] ?? 3;
      if (!own && mine.filter((b) => b.current && !b.own).length >= maxOther) {
        throw unprocessable(`每个账号最多绑定${maxOther}辆非本人机动车`);
      }
      // The cap keeps strangers off a car; its owner's own binding is never refused by it.
      const maxAccounts = values['citizen.binding.max-accounts-per-vehicle'] ?? 3;
      const since =
        mine.find((b) => b.plate === plate)?.plateSince ??
        (await plateSince(tx, c.cityCode, plate));
      if (
        !own &&
        (await otherAccountsBoundTo(tx, c.cityCode, plate, vehicle.ownerIdNumber, since)) >=
          maxAccounts
      ) {
        throw unprocessable(`同一机动车最多被车主以外的${maxAccounts}个账号绑定`);
      }
      // The account's binding of the number's earlier carrier gives way to this one.
      if (earlier) await deleteBinding(tx, c.cityCode, c.userId, plate);
      await insertBinding(tx, { cityCode: c.cityCode, userId: c.userId, plate, own, at: now });
      await audit(tx, actor, now, {
        action: 'citizen.vehicle-bound',
        entityType: 'citizen',
        entityId: c.userId,
        details: { plate, own },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', '该机动车已绑定');
    throw e;
  }
  return { plate, own };
}

/**
 * When an account bound a plate (violation handling's port: online, someone else's vehicle is
 * handled only once bound, and its point records only from then on); null when it has not, or
 * bound the vehicle that carried the number before the one carrying it now (bindsCarrier).
 */
export async function boundSince(
  db: DbOrTx,
  q: { cityCode: string; userId: string; plate: string },
) {
  const at = await boundAt(db, q.cityCode, q.userId, q.plate);
  if (!at) return null;
  // A binding of the number's earlier carrier is none of the vehicle carrying it now.
  return bindsCarrier(at, await plateSince(db, q.cityCode, q.plate)) ? at : null;
}

/** `DELETE /citizens/me/vehicles/{plate}`. */
export async function unbindVehicle(ctx: AppContext, actor: Actor, plate: string) {
  const c = requireCitizen(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await deleteBinding(tx, c.cityCode, c.userId, plate))) throw notFound('绑定的机动车');
    await audit(tx, actor, now, {
      action: 'citizen.vehicle-unbound',
      entityType: 'citizen',
      entityId: c.userId,
      details: { plate },
    });
  });
}
