import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, DEMO_ACCOUNTS, type TestApp } from '../../../test/support/app.ts';
import { plantAlert, plantFraudCase, plantReview } from '../../../test/support/supervision.ts';
import { registerCitizen } from '../../../test/support/citizens.ts';
import {
  createLicence,
  createOutlet,
  createUser,
  createVehicle,
  createViolation,
  GUIYANG,
  ZUNYI,
  type VehicleSeed,
} from '../../../test/support/factories.ts';

/**
 * Every route of the OpenAPI document × every account × the other jurisdiction's records: no
 * account ever gets another city's record, list entry or change. Zunyi's 14 demo accounts try
 * 贵阳's outlet, user, vehicle and application, and 贵阳's staff try Zunyi's. A route without an
 * entry below fails the first test, so new routes join the matrix.
 */
let t: TestApp;
type Login = string | { username: string; password: string };
interface Side {
  accounts: Login[];
  outlet: string;
  user: string;
  vehicle: VehicleSeed;
  application: string;
  alert: string;
  draw: string;
  /** A roster draw (轮岗) of the side's outlet. */
  rosterDraw: string;
  review: string;
  /** A driver's licence (identity number), an unhandled violation, an exam site and session. */
  licence: string;
  violation: string;
  examSite: string;
  examSession: string;
  /** A citizen's appointment at one of the side's outlets, and an open call-back. */
  appointment: string;
  callback: string;
  rectification: string;
  /** An inspection station. */
  station: string;
  /** An anti-fraud finding about the side's driver, and a case opened from it. */
  fraud: { finding: string; fraudCase: string };
  /** Text that must never appear in a reply to the other side. */
  marks: string[];
}
let zunyi: Side;
let guiyang: Side;

const DEMO: Login[] = [...DEMO_ACCOUNTS];

/** Where an application lives: its city, outlet and county. */
async function placeOf(applicationId: string) {
  return await t.ctx.db
    .selectFrom('applications')
    .select(['city_code', 'outlet_code', 'county_code'])
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow();
}

/** An open call-back of an application, written as a bad rating would open it. */
async function callback(applicationId: string) {
  const app = await placeOf(applicationId);
  const id = crypto.randomUUID();
  await t.ctx.db
    .insertInto('callbacks')
    .values({
      city_code: app.city_code,
      id,
      application_id: applicationId,
      outlet_code: app.outlet_code,
      county_code: app.county_code,
      reason: 'rating',
      due_at: new Date(),
      status: 'open',
      created_at: new Date(),
    })
    .execute();
  return id;
}

/** An open rectification of an application, written as a bad rating would open it. */
async function rectification(applicationId: string) {
  const app = await placeOf(applicationId);
  const id = crypto.randomUUID();
  await t.ctx.db
    .insertInto('rectifications')
    .values({
      city_code: app.city_code,
      id,
      application_id: applicationId,
      outlet_code: app.outlet_code,
      county_code: app.county_code,
      score: 1,
      complaint: null,
      due_on: '2026-12-17',
      status: 'open',
      created_at: new Date(),
    })
    .execute();
  return id;
}

/** An appointment of a citizen at an outlet, written as the booking would write it. */
async function appointment(
  citizen: { username: string; idNumber: string },
  outletCode: string,
  cityCode: string,
) {
  const user = await t.ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', citizen.username)
    .executeTakeFirstOrThrow();
  const id = crypto.randomUUID();
  await t.ctx.db
    .insertInto('appointments')
    .values({
      city_code: cityCode,
      id,
      user_id: user.id,
      id_number: citizen.idNumber,
      outlet_code: outletCode,
      business_type: 'licence.renew',
      day: '2026-11-27',
      slot: '09:00',
      status: 'active',
      created_at: new Date(),
    })
    .execute();
  return id;
}

const headers = async (who: Login) =>
  bearer(typeof who === 'string' ? await t.login(who) : await t.login(who.username, who.password));

async function plateReissue(clerk: Login, v: VehicleSeed) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: await headers(clerk),
    payload: {
      businessType: 'vehicle.plate-reissue',
      applicant: { idNumber: v.ownerIdNumber, name: v.ownerName },
      data: { plate: v.plate },
    },
  });
  return res.json().id as string;
}

/** A spot-check draw of the city offices, made by an administrator of the side. */
async function draw(admin: Login) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/spot-checks/draws',
    headers: await headers(admin),
    payload: { population: 'city-office', count: 1, parties: ['office'] },
  });
  return res.json().id as string;
}

/** A roster draw of an outlet, made by an administrator of the side. */
async function rosterDraw(admin: Login, outletCode: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/rosters/draws',
    headers: await headers(admin),
    payload: { outletCode, from: '2031-02-01', to: '2031-02-03' },
  });
  return res.json().id as string;
}

async function examSession(clerk: Login, examSiteCode: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/exam-sessions',
    headers: await headers(clerk),
    payload: { examSiteCode, subject: 1, date: '2031-03-03', capacity: 10 },
  });
  return res.json().id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  const office = await createOutlet(t.ctx.db, {
    category: 'city-office',
    countyCode: GUIYANG.countyCode,
  });
  const gyAdmin = await createUser(t.ctx.db, {
    roles: ['admin'],
    scope: { level: 'city', code: GUIYANG.cityCode },
  });
  const gyClerk = await createUser(t.ctx.db, { roles: ['clerk'], outletCode: office.code });
  const gySupervisor = await createUser(t.ctx.db, {
    roles: ['supervisor'],
    scope: { level: 'city', code: GUIYANG.cityCode },
  });
  const gyVehicle = await createVehicle(t.ctx.db, { countyCode: GUIYANG.countyCode });
  const zyVehicle = await createVehicle(t.ctx.db);
  const gyExamSite = await createOutlet(t.ctx.db, {
    category: 'exam-site',
    countyCode: GUIYANG.countyCode,
  });
  const gyStation = await createOutlet(t.ctx.db, {
    category: 'inspection-station',
    countyCode: GUIYANG.countyCode,
  });
  const zyStation = await t.ctx.db
    .selectFrom('outlets')
    .select('code')
    .where('city_code', '=', ZUNYI.cityCode)
    .where('category', '=', 'inspection-station')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const gyLicence = await createLicence(t.ctx.db, { countyCode: GUIYANG.countyCode });
  const zyLicence = await createLicence(t.ctx.db);
  // Citizens of both cities (贵阳 gets an online platform for its own).
  await createOutlet(t.ctx.db, { category: 'internet', countyCode: GUIYANG.countyCode });
  const gyCitizen = await registerCitizen(t, {
    idNumber: (await createLicence(t.ctx.db, { countyCode: GUIYANG.countyCode })).idNumber,
    name: '测试驾驶人',
  });
  const zyCitizen = await registerCitizen(t, {
    idNumber: (await createLicence(t.ctx.db)).idNumber,
    name: '测试驾驶人',
  });
  const gyViolation = await createViolation(t.ctx.db, {
    plate: gyVehicle.plate,
    cityCode: GUIYANG.cityCode,
  });
  const zyViolation = await createViolation(t.ctx.db, {
    plate: zyVehicle.plate,
    cityCode: ZUNYI.cityCode,
  });
  guiyang = {
    accounts: [gyAdmin, gyClerk, gySupervisor, gyCitizen],
    outlet: office.code,
    user: gyClerk.username,
    vehicle: gyVehicle,
    application: await plateReissue(gyClerk, gyVehicle),
    alert: await plantAlert(t.ctx.db, { ...GUIYANG, outletCode: office.code }),
    draw: await draw(gyAdmin),
    rosterDraw: await rosterDraw(gyAdmin, office.code),
    review: await plantReview(t.ctx.db, {
      ...GUIYANG,
      examSiteCode: office.code,
      examinerId: 'K-GUIYANG',
    }),
    licence: gyLicence.idNumber,
    violation: gyViolation.id,
    examSite: gyExamSite.code,
    examSession: await examSession(gyClerk, gyExamSite.code),
    appointment: await appointment(gyCitizen, office.code, GUIYANG.cityCode),
    callback: '',
    rectification: '',
    station: gyStation.code,
    fraud: await plantFraudCase(t.ctx.db, { ...GUIYANG, idNumber: gyLicence.idNumber }),
    marks: [office.code, gyVehicle.vin, gyLicence.idNumber, gyViolation.id],
  };
  zunyi = {
    accounts: [...DEMO, zyCitizen],
    outlet: '520302-CO-001',
    user: 'clerk.post',
    vehicle: zyVehicle,
    application: await plateReissue('clerk.city', zyVehicle),
    alert: await plantAlert(t.ctx.db, {
      cityCode: '520300',
      countyCode: '520302',
      outletCode: '520302-CO-001',
    }),
    draw: await draw('admin'),
    rosterDraw: await rosterDraw('admin', '520302-CO-001'),
    review: await plantReview(t.ctx.db, {
      cityCode: '520300',
      countyCode: '520302',
      examSiteCode: '520302-EX-001',
      examinerId: 'K-ZUNYI',
    }),
    licence: zyLicence.idNumber,
    violation: zyViolation.id,
    examSite: '520302-EX-001',
    examSession: await examSession('clerk.city', '520302-EX-001'),
    appointment: await appointment(zyCitizen, '520302-CO-001', ZUNYI.cityCode),
    callback: '',
    rectification: '',
    station: zyStation.code,
    fraud: await plantFraudCase(t.ctx.db, {
      cityCode: '520300',
      countyCode: '520302',
      idNumber: zyLicence.idNumber,
    }),
    marks: ['520302-CO-001', zyVehicle.vin, zyLicence.idNumber, zyViolation.id],
  };
  for (const side of [guiyang, zunyi]) {
    side.callback = await callback(side.application);
    side.rectification = await rectification(side.application);
    side.marks.push(
      side.rectification,
      side.application,
      side.examSession,
      side.alert,
      side.review,
      side.appointment,
      side.callback,
      side.rosterDraw,
    );
  }
  guiyang.marks.push('K-GUIYANG');
  zunyi.marks.push('K-ZUNYI');
});
afterAll(async () => t.close());

/** A request against the other side's records, by route of the OpenAPI document. */
type Probe = (other: Side) => { url: string; body?: unknown; ndjson?: boolean };
/** Routes any caller may use (they name no jurisdiction's records), answered on their merits. */
const PUBLIC = new Set([
  'GET /api/health',
  'POST /api/v1/auth/login',
  'GET /api/v1/catalog/business-types',
  'GET /api/v1/calendar',
  'GET /api/v1/verify/{token}',
  'GET /api/v1/verify/{token}/proof',
  'GET /api/v1/audit/checkpoints/latest',
  'GET /api/v1/audit/public-key',
  'GET /api/v1/installation',
  'GET /api/v1/verify/by-number/{number}',
  'GET /api/v1/plates/candidates',
  // Spot-check draws are published for anyone to check (双随机一公开).
  'GET /api/v1/spot-checks/draws',
  'GET /api/v1/spot-checks/draws/{id}',
  'POST /api/v1/citizens/sms-codes',
  'POST /api/v1/citizens',
]);
const PROBES: Record<string, Probe> = {
  'GET /api/v1/me': () => ({ url: '/api/v1/me' }),
  'GET /api/v1/users': () => ({ url: '/api/v1/users?limit=200' }),
  'POST /api/v1/users': (o) => ({
    url: '/api/v1/users',
    body: {
      username: 'cross.city',
      displayName: '越权',
      roles: ['clerk'],
      scope: { level: 'outlet', code: o.outlet },
      password: 'cross-city-password',
    },
  }),
  'GET /api/v1/users/{username}': (o) => ({ url: `/api/v1/users/${o.user}` }),
  'PUT /api/v1/users/{username}': (o) => ({
    url: `/api/v1/users/${o.user}`,
    body: { displayName: '越权', roles: ['clerk'], scope: { level: 'outlet', code: o.outlet } },
  }),
  'POST /api/v1/users/{username}/deactivation': (o) => ({
    url: `/api/v1/users/${o.user}/deactivation`,
  }),
  'DELETE /api/v1/users/{username}/deactivation': (o) => ({
    url: `/api/v1/users/${o.user}/deactivation`,
  }),
  'PUT /api/v1/users/{username}/password': (o) => ({
    url: `/api/v1/users/${o.user}/password`,
    body: { password: 'cross-city-password' },
  }),
  'GET /api/v1/outlets': () => ({ url: '/api/v1/outlets?limit=1000' }),
  'GET /api/v1/outlets/{code}': (o) => ({ url: `/api/v1/outlets/${o.outlet}` }),
  'GET /api/v1/network/summary': () => ({ url: '/api/v1/network/summary' }),
  'GET /api/v1/agreements': () => ({ url: '/api/v1/agreements' }),
  'POST /api/v1/imports/outlets': (o) => ({
    url: '/api/v1/imports/outlets',
    ndjson: true,
    body: {
      code: 'CROSS-1',
      name: '越权网点',
      category: 'post',
      countyCode: o === guiyang ? GUIYANG.countyCode : '520302',
      organisationCode: o === guiyang ? `TEST-DD-${GUIYANG.countyCode}` : 'ZY-ZD',
    },
  }),
  'GET /api/v1/policies': () => ({ url: '/api/v1/policies' }),
  'POST /api/v1/policies': () => ({
    url: '/api/v1/policies',
    body: { key: 'temp-plate.export.max-days', value: 30, effectiveFrom: '2031-01-01' },
  }),
  'PUT /api/v1/calendar/{day}': () => ({
    url: '/api/v1/calendar/2031-01-01',
    body: { kind: 'holiday', name: '元旦' },
  }),
  'DELETE /api/v1/calendar/{day}': () => ({ url: '/api/v1/calendar/2031-01-01' }),
  'PUT /api/v1/outlets/{code}/grants/{businessType}': (o) => ({
    url: `/api/v1/outlets/${o.outlet}/grants/vehicle.transfer`,
    body: {},
  }),
  'DELETE /api/v1/outlets/{code}/grants/{businessType}': (o) => ({
    url: `/api/v1/outlets/${o.outlet}/grants/vehicle.transfer`,
  }),
  'PUT /api/v1/delegation/categories/{category}/grants/{businessType}': () => ({
    url: '/api/v1/delegation/categories/insurer/grants/licence.reissue',
    body: {},
  }),
  'DELETE /api/v1/delegation/categories/{category}/grants/{businessType}': () => ({
    url: '/api/v1/delegation/categories/insurer/grants/licence.reissue',
  }),
  'GET /api/v1/me/business-types': () => ({ url: '/api/v1/me/business-types' }),
  'GET /api/v1/delegation/matrix': () => ({ url: '/api/v1/delegation/matrix' }),
  'GET /api/v1/outlets/{code}/delegation': (o) => ({
    url: `/api/v1/outlets/${o.outlet}/delegation`,
  }),
  'POST /api/v1/outlets/{code}/suspension': (o) => ({
    url: `/api/v1/outlets/${o.outlet}/suspension`,
    body: { reason: '越权暂停' },
  }),
  'DELETE /api/v1/outlets/{code}/suspension': (o) => ({
    url: `/api/v1/outlets/${o.outlet}/suspension`,
    body: {},
  }),
  'GET /api/v1/vehicles/by-plate/{plate}': (o) => ({
    url: `/api/v1/vehicles/by-plate/${encodeURIComponent(o.vehicle.plate)}`,
  }),
  'GET /api/v1/vehicles/by-vin/{vin}': (o) => ({ url: `/api/v1/vehicles/by-vin/${o.vehicle.vin}` }),
  'GET /api/v1/vehicles/{vin}/history': (o) => ({
    url: `/api/v1/vehicles/${o.vehicle.vin}/history`,
  }),
  'GET /api/v1/vehicles/{vin}/flags': (o) => ({ url: `/api/v1/vehicles/${o.vehicle.vin}/flags` }),
  'POST /api/v1/vehicles/{vin}/flags': (o) => ({
    url: `/api/v1/vehicles/${o.vehicle.vin}/flags`,
    body: { flag: 'seized', reason: '越权查封', authority: '某法院' },
  }),
  'DELETE /api/v1/vehicles/{vin}/flags/{flag}': (o) => ({
    url: `/api/v1/vehicles/${o.vehicle.vin}/flags/seized`,
  }),
  'POST /api/v1/inspections': (o) => ({
    url: '/api/v1/inspections',
    body: {
      plate: o.vehicle.plate,
      result: 'pass',
      items: [{ code: 'brake', result: 'pass' }],
      startedAt: '2026-11-26T09:00:00+08:00',
      finishedAt: '2026-11-26T09:20:00+08:00',
      inspector: '检验员',
    },
  }),
  'POST /api/v1/imports/vehicles': (o) => ({
    url: '/api/v1/imports/vehicles',
    ndjson: true,
    body: {
      vin: 'LSJA24U62JG269225',
      plate: o === guiyang ? '贵AX1234' : '贵CX1234',
      vehicleType: 'small-car',
      useNature: 'non-operating',
      seats: 5,
      owner: { idNumber: '520302198505120110', name: '敖先生' },
      registeredOn: '2020-01-01',
      manufacturedOn: '2019-12-01',
      inspectionValidUntil: '2027-01-31',
    },
  }),
  'GET /api/v1/licences/{idNumber}': (o) => ({ url: `/api/v1/licences/${o.licence}` }),
  'GET /api/v1/licences/{idNumber}/history': (o) => ({
    url: `/api/v1/licences/${o.licence}/history`,
  }),
  'GET /api/v1/licences/{idNumber}/renewal': (o) => ({
    url: `/api/v1/licences/${o.licence}/renewal`,
  }),
  'POST /api/v1/imports/licences': (o) => ({
    url: '/api/v1/imports/licences',
    ndjson: true,
    body: {
      idNumber: o.licence,
      name: '越权',
      licenceNo: `X${o.licence.slice(1)}`,
      classes: ['C1'],
      firstIssuedOn: '2015-03-15',
      validUntil: '2031-03-15',
    },
  }),
  'POST /api/v1/medical-certificates': (o) => ({
    url: '/api/v1/medical-certificates',
    body: { idNumber: o.licence, name: '测试驾驶人', examinedOn: '2026-11-25', conclusion: 'fit' },
  }),
  'POST /api/v1/exam-results': (o) => ({
    url: '/api/v1/exam-results',
    body: {
      idNumber: o.licence,
      subject: 1,
      class: 'C1',
      examSiteCode: o.examSite,
      examinerId: 'E1',
      score: 95,
      passed: true,
      faceMatch: 'pass',
      startedAt: '2026-11-26T09:00:00+08:00',
      finishedAt: '2026-11-26T09:40:00+08:00',
    },
  }),
  'GET /api/v1/exam-results': () => ({ url: '/api/v1/exam-results?date=2026-11-26' }),
  'POST /api/v1/exam-sessions': (o) => ({
    url: '/api/v1/exam-sessions',
    body: { examSiteCode: o.examSite, subject: 1, date: '2031-03-04', capacity: 10 },
  }),
  'GET /api/v1/exam-sessions': () => ({ url: '/api/v1/exam-sessions?limit=200' }),
  'GET /api/v1/exam-sessions/{id}': (o) => ({ url: `/api/v1/exam-sessions/${o.examSession}` }),
  'POST /api/v1/exam-sessions/{id}/close': (o) => ({
    url: `/api/v1/exam-sessions/${o.examSession}/close`,
  }),
  'GET /api/v1/violations': (o) => ({
    url: `/api/v1/violations?plate=${encodeURIComponent(o.vehicle.plate)}`,
  }),
  'POST /api/v1/imports/exam-results': (o) => ({
    url: '/api/v1/imports/exam-results',
    ndjson: true,
    body: {
      id: 'CROSS-EXAM-1',
      idNumber: o.licence,
      subject: 1,
      class: 'C1',
      examSiteCode: o.examSite,
      examinerId: 'K-CROSS',
      score: 95,
      passed: true,
      faceMatch: 'pass',
      startedAt: '2026-11-25T09:00:00+08:00',
      finishedAt: '2026-11-25T09:30:00+08:00',
    },
  }),
  'POST /api/v1/imports/inspections': (o) => ({
    url: '/api/v1/imports/inspections',
    ndjson: true,
    body: {
      id: 'CROSS-INSPECTION-1',
      stationCode: o.station,
      plate: o.vehicle.plate,
      result: 'pass',
      items: [{ code: 'brakes', result: 'pass' }],
      startedAt: '2026-11-25T09:00:00+08:00',
      finishedAt: '2026-11-25T09:30:00+08:00',
      inspector: '越权',
    },
  }),
  'POST /api/v1/imports/violations': (o) => ({
    url: '/api/v1/imports/violations',
    ndjson: true,
    body: {
      id: `${o.violation}I`,
      plate: o.vehicle.plate,
      code: '1625',
      occurredAt: '2026-11-20T08:15:00+08:00',
      points: 6,
      fine: 200,
    },
  }),
  'GET /api/v1/violations/{id}/handling-preview': (o) => ({
    url: `/api/v1/violations/${o.violation}/handling-preview?idNumber=${o.licence}`,
  }),
  'GET /api/v1/drivers/{idNumber}': (o) => ({ url: `/api/v1/drivers/${o.licence}` }),
  'GET /api/v1/outlets/{code}/lane-board': (o) => ({
    url: `/api/v1/outlets/${o.outlet}/lane-board`,
  }),
  'GET /api/v1/outlets/{code}/lane-timings': (o) => ({
    url: `/api/v1/outlets/${o.outlet}/lane-timings`,
  }),
  'POST /api/v1/applications': (o) => ({
    url: '/api/v1/applications',
    body: {
      businessType: 'vehicle.licence-reissue',
      applicant: { idNumber: o.vehicle.ownerIdNumber, name: o.vehicle.ownerName },
      data: { plate: o.vehicle.plate },
    },
  }),
  'GET /api/v1/applications': () => ({ url: '/api/v1/applications?limit=200' }),
  'GET /api/v1/applications/{id}': (o) => ({ url: `/api/v1/applications/${o.application}` }),
  'POST /api/v1/applications/{id}/events': (o) => ({
    url: `/api/v1/applications/${o.application}/events`,
    body: { event: 'plate-produced', data: {} },
  }),
  'POST /api/v1/supervision/runs': () => ({
    url: '/api/v1/supervision/runs',
    body: { from: '2026-11-25', to: '2026-11-25' },
  }),
  'GET /api/v1/alerts': () => ({ url: '/api/v1/alerts?limit=500' }),
  'GET /api/v1/alerts/{id}': (o) => ({ url: `/api/v1/alerts/${o.alert}` }),
  'POST /api/v1/alerts/{id}/disposition': (o) => ({
    url: `/api/v1/alerts/${o.alert}/disposition`,
    body: { action: 'suspend', note: '越权处置' },
  }),
  'POST /api/v1/imports/applications-history': (o) => ({
    url: '/api/v1/imports/applications-history',
    ndjson: true,
    body: {
      id: 'CROSS-HISTORY-1',
      businessType: 'vehicle.temp-plate',
      outletCode: o.outlet,
      staffId: 'S1',
      channel: 'window',
      applicant: { idNumber: '520302199003070015', name: '张三' },
      submittedAt: '2026-11-25T10:00:00+08:00',
      status: 'completed',
    },
  }),
  'POST /api/v1/imports/violation-handlings': (o) => ({
    url: '/api/v1/imports/violation-handlings',
    ndjson: true,
    body: {
      violationId: o.violation,
      plate: o.vehicle.plate,
      ownerIdNumber: o.vehicle.ownerIdNumber,
      driverIdNumber: o.licence,
      points: 3,
      handledAt: '2026-11-20T08:15:00+08:00',
      outletCode: o.outlet,
      channel: 'window',
    },
  }),
  'GET /api/v1/findings': () => ({ url: '/api/v1/findings?limit=500' }),
  'GET /api/v1/findings/{id}': (o) => ({ url: `/api/v1/findings/${o.fraud.finding}` }),
  'GET /api/v1/cases': () => ({ url: '/api/v1/cases' }),
  'POST /api/v1/cases': (o) => ({
    url: '/api/v1/cases',
    body: { title: '越权立案', findingIds: [o.fraud.finding] },
  }),
  'GET /api/v1/cases/{id}': (o) => ({ url: `/api/v1/cases/${o.fraud.fraudCase}` }),
  'PATCH /api/v1/cases/{id}': (o) => ({
    url: `/api/v1/cases/${o.fraud.fraudCase}`,
    body: { status: 'investigating' },
  }),
  'POST /api/v1/cases/{id}/steps': (o) => ({
    url: `/api/v1/cases/${o.fraud.fraudCase}/steps`,
    body: { kind: 'note', note: '越权记录' },
  }),
  'POST /api/v1/cases/{id}/measures': (o) => ({
    url: `/api/v1/cases/${o.fraud.fraudCase}/measures`,
    body: { kind: 'substitute-hold', idNumber: o.licence, name: '越权' },
  }),
  'POST /api/v1/cases/{id}/measures/{applicationId}/lift': (o) => ({
    url: `/api/v1/cases/${o.fraud.fraudCase}/measures/${o.application}/lift`,
    body: { note: '越权解除' },
  }),
  'POST /api/v1/spot-checks/draws': () => ({
    url: '/api/v1/spot-checks/draws',
    body: { population: 'city-office', count: 1, parties: ['office'] },
  }),
  'POST /api/v1/spot-checks/draws/{id}/commitments': (o) => ({
    url: `/api/v1/spot-checks/draws/${o.draw}/commitments`,
    body: { party: 'office', commitment: 'ab'.repeat(32) },
  }),
  'POST /api/v1/spot-checks/draws/{id}/reveals': (o) => ({
    url: `/api/v1/spot-checks/draws/${o.draw}/reveals`,
    body: { party: 'office', share: 'ab'.repeat(16) },
  }),
  'GET /api/v1/bulletins/{period}/{date}': () => ({ url: '/api/v1/bulletins/annual/2026-11-25' }),
  'GET /api/v1/bulletins/{period}/{date}/print': () => ({
    url: '/api/v1/bulletins/annual/2026-11-25/print',
  }),
  'GET /api/v1/supervision/funnels/{rule}': () => ({
    url: '/api/v1/supervision/funnels/outlet-refusal-rate?from=2026-11-01&to=2026-11-30',
  }),
  'GET /api/v1/supervision/exam-oversight': () => ({
    url: '/api/v1/supervision/exam-oversight?from=2026-11-01&to=2026-11-30',
  }),
  'GET /api/v1/supervision/station-risk': () => ({
    url: '/api/v1/supervision/station-risk?from=2026-11-01&to=2026-11-30',
  }),
  'POST /api/v1/supervision/reviews/draws': () => ({
    url: '/api/v1/supervision/reviews/draws',
    body: { date: '2026-11-25' },
  }),
  'GET /api/v1/supervision/reviews': () => ({ url: '/api/v1/supervision/reviews?limit=500' }),
  'POST /api/v1/supervision/reviews/{id}/verdict': (o) => ({
    url: `/api/v1/supervision/reviews/${o.review}/verdict`,
    body: { verdict: 'irregular', note: '越权评定' },
  }),
  'GET /api/v1/citizens/me': () => ({ url: '/api/v1/citizens/me' }),
  'POST /api/v1/citizens/me/vehicles': (o) => ({
    url: '/api/v1/citizens/me/vehicles',
    body: { plate: o.vehicle.plate },
  }),
  'DELETE /api/v1/citizens/me/vehicles/{plate}': (o) => ({
    url: `/api/v1/citizens/me/vehicles/${encodeURIComponent(o.vehicle.plate)}`,
  }),
  'GET /api/v1/appointments/outlets': () => ({
    url: '/api/v1/appointments/outlets?businessType=licence.renew',
  }),
  'GET /api/v1/appointments/slots': (o) => ({
    url: `/api/v1/appointments/slots?outletCode=${o.outlet}&date=2026-11-27`,
  }),
  'POST /api/v1/appointments': (o) => ({
    url: '/api/v1/appointments',
    body: {
      outletCode: o.outlet,
      businessType: 'licence.renew',
      date: '2026-11-27',
      slot: '09:00',
    },
  }),
  'DELETE /api/v1/appointments/{id}': (o) => ({ url: `/api/v1/appointments/${o.appointment}` }),
  'POST /api/v1/applications/{id}/rating': (o) => ({
    url: `/api/v1/applications/${o.application}/rating`,
    body: { score: 1 },
  }),
  'GET /api/v1/callbacks': () => ({ url: '/api/v1/callbacks' }),
  'POST /api/v1/callbacks/{id}': (o) => ({
    url: `/api/v1/callbacks/${o.callback}`,
    body: { reached: true, satisfied: false, note: '越权' },
  }),
  'GET /api/v1/outlets/{code}/hours': (o) => ({ url: `/api/v1/outlets/${o.outlet}/hours` }),
  'PUT /api/v1/outlets/{code}/hours': (o) => ({
    url: `/api/v1/outlets/${o.outlet}/hours`,
    body: { weekdays: [], saturday: [], sunday: [], holidays: false },
  }),
  'POST /api/v1/rosters/draws': (o) => ({
    url: '/api/v1/rosters/draws',
    body: { outletCode: o.outlet, from: '2031-01-01', to: '2031-01-07' },
  }),
  'GET /api/v1/rosters/draws/{id}': (o) => ({ url: `/api/v1/rosters/draws/${o.rosterDraw}` }),
  'GET /api/v1/service/handling-times': (o) => ({
    url: `/api/v1/service/handling-times?from=2026-01-01&to=2026-12-31&outletCode=${o.outlet}`,
  }),
  'GET /api/v1/service/sla-breaches': (o) => ({
    url: `/api/v1/service/sla-breaches?from=2026-01-01&to=2026-12-31&outletCode=${o.outlet}`,
  }),
  'POST /api/v1/service/sla-escalations': () => ({ url: '/api/v1/service/sla-escalations' }),
  'GET /api/v1/rectifications': () => ({ url: '/api/v1/rectifications?limit=200' }),
  'POST /api/v1/applications/{id}/onsite': (o) => ({
    url: `/api/v1/applications/${o.application}/onsite`,
    body: { reason: '越权转现场' },
  }),
  'POST /api/v1/onsite-requirements': (o) => ({
    url: '/api/v1/onsite-requirements',
    body: {
      idNumber: o.licence,
      businessType: 'licence.reissue',
      from: '2026-11-26',
      until: '2026-12-31',
      reason: '核查',
    },
  }),
  'GET /api/v1/onsite-requirements': (o) => ({
    url: `/api/v1/onsite-requirements?idNumber=${o.licence}`,
  }),
  'POST /api/v1/rectifications/{id}': (o) => ({
    url: `/api/v1/rectifications/${o.rectification}`,
    body: { action: '越权登记' },
  }),
};

async function probe(route: string, who: Login, other: Side) {
  const [method] = route.split(' ');
  const p = PROBES[route]!(other);
  const body = p.body === undefined ? undefined : p.ndjson ? JSON.stringify(p.body) : p.body;
  return await t.app.inject({
    method: method as 'GET',
    url: p.url,
    headers: {
      ...(await headers(who)),
      ...(p.ndjson ? { 'content-type': 'application/x-ndjson' } : {}),
    },
    ...(body === undefined ? {} : { payload: body as string }),
  });
}

/** Whether a reply carries (or changed) any record of the other side. */
function leaks(res: { statusCode: number; body: string }, other: Side, route: string) {
  const [method] = route.split(' ');
  const reply = () => JSON.parse(res.body) as { imported?: number };
  if (method !== 'GET') {
    // A change to the other side is only ever refused: an import refuses every line of another
    // city, and a submission is refused (as not in the jurisdiction, or not delegated).
    // A camera of one city records the cars of any city (Proc §5): the record is the importing
    // city's own, and the answer names nothing of the other side.
    if (route === 'POST /api/v1/imports/violations') {
      return other.marks.some((m) => res.body.includes(m));
    }
    if (route.startsWith('POST /api/v1/imports/')) {
      return res.statusCode === 200 && reply().imported !== 0;
    }
    if (route === 'POST /api/v1/applications') return res.statusCode === 201;
    // A station may inspect a vehicle of another city (R164 §54: inspection where the vehicle
    // is); the record is its own city's, and the answer names nothing of the other side.
    if (route === 'POST /api/v1/inspections') {
      return other.marks.some((m) => res.body.includes(m));
    }
    // A hospital examines anyone (R162 §85); the certificate is its own city's record and
    // names the person it was asked about, nothing of the other side's registry.
    if (route === 'POST /api/v1/medical-certificates') {
      return other.marks.some((m) => m !== other.licence && res.body.includes(m));
    }
    // City-wide changes of an administrator (a category grant, a policy, the calendar) stay in
    // its own city and are checked by their own tests; here they must not touch the other side.
    // A supervision run, and a day's review draw, read and write their own city only (checked
    // by the supervision tests); so do escalating SLA breaches and requiring a person's internet
    // business on site (the requirement binds the supervisor's own city's internet channel).
    if (
      /delegation\/categories|\/policies|\/calendar|\/supervision\/runs|\/service\/sla-escalations|\/onsite-requirements|\/supervision\/reviews\/draws|\/spot-checks\/draws$/.test(
        route,
      )
    ) {
      return false;
    }
    return res.statusCode < 400;
  }
  // The check before handling names the record and the driver it was asked about (its 1331
  // items echo them). A driver may handle a record at any window (Proc §5), so the licence's
  // status and cycle points are read wherever it was issued; the other side's record is not.
  if (route === 'GET /api/v1/violations/{id}/handling-preview' && res.statusCode < 400) {
    return (JSON.parse(res.body) as { violation: unknown }).violation !== null;
  }
  // A supervisor's on-site requirements are its own city's; one may name the person asked about.
  if (route === 'GET /api/v1/onsite-requirements') {
    return other.marks.some((m) => m !== other.licence && res.body.includes(m));
  }
  return res.statusCode < 400 && other.marks.some((m) => res.body.includes(m));
}

describe('scopes across jurisdictions, generated from the OpenAPI document', () => {
  it('has a probe for every route', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const routes = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.filter((r) => !PROBES[r] && !PUBLIC.has(r))).toEqual([]);
  });

  for (const route of Object.keys(PROBES)) {
    it(`${route}: no account sees or changes the other city's records`, async () => {
      const found: string[] = [];
      for (const [mine, other] of [
        [zunyi, guiyang],
        [guiyang, zunyi],
      ] as const) {
        for (const who of mine.accounts) {
          const res = await probe(route, who, other);
          expect(res.statusCode, `${route} as ${JSON.stringify(who)}`).toBeLessThan(500);
          if (leaks(res, other, route)) found.push(`${JSON.stringify(who)} → ${res.statusCode}`);
        }
      }
      expect(found).toEqual([]);
    });
  }
});
