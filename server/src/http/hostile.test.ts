import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { registerCitizen } from '../../../test/support/citizens.ts';
import { createLicence } from '../../../test/support/factories.ts';

/**
 * Hostile requests over every endpoint of the OpenAPI document (goal of the hardening issue:
 * 0 × 5xx and 0 state changes from malformed input). Each endpoint has a valid sample below; the
 * properties replace one field (or a path parameter, or the query) with hostile values. A new
 * endpoint without a sample fails the first test, so the matrix grows with the API.
 */
let t: TestApp;
/** The internet channel's routes are a citizen's: `user: 'citizen'` logs in as this account. */
let citizen: { username: string; password: string };
beforeAll(async () => {
  t = await createTestApp();
  const licence = await createLicence(t.ctx.db);
  citizen = await registerCitizen(t, { idNumber: licence.idNumber, name: licence.name });
});
afterAll(async () => t.close());

interface Sample {
  user: string | null;
  /** The URL with its path parameters filled in. */
  url: string;
  body?: Record<string, unknown>;
  /** An NDJSON import: `body` is one line, sent as the file. */
  ndjson?: boolean;
}

const VEHICLE_LINE = {
  vin: 'LSJA24U62JG269225',
  plate: '贵CZ9876',
  vehicleType: 'small-car',
  useNature: 'non-operating',
  seats: 5,
  owner: { idNumber: '520302198505120110', name: '敖先生' },
  registeredOn: '2020-01-01',
  manufacturedOn: '2019-12-01',
  inspectionValidUntil: '2027-01-31',
};
const APPLICATION = {
  businessType: 'vehicle.licence-reissue',
  applicant: { idNumber: '520302199003070015', name: '张三' },
  data: { plate: '贵CZ0001' },
};

const SAMPLES: Record<string, Sample> = {
  'POST /api/v1/auth/login': {
    user: null,
    url: '/api/v1/auth/login',
    body: { username: 'nobody', password: 'wrong-password' },
  },
  'GET /api/v1/me': { user: 'clerk.city', url: '/api/v1/me' },
  'GET /api/v1/users': { user: 'admin', url: '/api/v1/users?limit=5' },
  'POST /api/v1/users': {
    user: 'admin',
    url: '/api/v1/users',
    body: {
      username: 'x',
      displayName: '某',
      roles: ['nonsense'],
      scope: { level: 'outlet', code: '520322-PW-001' },
      password: 'short',
    },
  },
  'GET /api/v1/users/{username}': { user: 'admin', url: '/api/v1/users/clerk.post' },
  'PUT /api/v1/users/{username}': {
    user: 'admin',
    url: '/api/v1/users/clerk.post',
    body: { displayName: '', roles: [], scope: { level: 'nowhere', code: '' } },
  },
  'POST /api/v1/users/{username}/deactivation': {
    user: 'admin',
    url: '/api/v1/users/no.such.user/deactivation',
  },
  'DELETE /api/v1/users/{username}/deactivation': {
    user: 'admin',
    url: '/api/v1/users/no.such.user/deactivation',
  },
  'PUT /api/v1/users/{username}/password': {
    user: 'admin',
    url: '/api/v1/users/no.such.user/password',
    body: { password: 'x' },
  },
  'GET /api/v1/outlets': { user: 'admin', url: '/api/v1/outlets?limit=3&q=CO' },
  'GET /api/v1/outlets/{code}': { user: 'admin', url: '/api/v1/outlets/520302-CO-001' },
  'GET /api/v1/network/summary': { user: 'admin', url: '/api/v1/network/summary' },
  'GET /api/v1/agreements': { user: 'admin', url: '/api/v1/agreements' },
  'POST /api/v1/imports/outlets': {
    user: 'admin',
    url: '/api/v1/imports/outlets',
    ndjson: true,
    body: { code: 'X', name: '某', category: 'nowhere', countyCode: '0', organisationCode: 'X' },
  },
  'GET /api/v1/catalog/business-types': { user: 'admin', url: '/api/v1/catalog/business-types' },
  'GET /api/v1/policies': { user: 'admin', url: '/api/v1/policies' },
  'POST /api/v1/policies': {
    user: 'admin',
    url: '/api/v1/policies',
    body: { key: 'temp-plate.export.max-days', value: 'x', effectiveFrom: '2000-01-01' },
  },
  'GET /api/v1/calendar': { user: 'admin', url: '/api/v1/calendar?year=2026' },
  'PUT /api/v1/calendar/{day}': {
    user: 'admin',
    url: '/api/v1/calendar/2026-02-30',
    body: { kind: 'holiday', name: '元旦' },
  },
  'DELETE /api/v1/calendar/{day}': { user: 'admin', url: '/api/v1/calendar/2026-02-30' },
  'PUT /api/v1/outlets/{code}/grants/{businessType}': {
    user: 'admin',
    url: '/api/v1/outlets/520303-DL-002/grants/vehicle.flying',
    body: { validFrom: '2027-01-01', validUntil: '2026-01-01' },
  },
  'DELETE /api/v1/outlets/{code}/grants/{businessType}': {
    user: 'admin',
    url: '/api/v1/outlets/520303-DL-002/grants/vehicle.flying',
  },
  'PUT /api/v1/delegation/categories/{category}/grants/{businessType}': {
    user: 'admin',
    url: '/api/v1/delegation/categories/nowhere/grants/vehicle.transfer',
    body: {},
  },
  'DELETE /api/v1/delegation/categories/{category}/grants/{businessType}': {
    user: 'admin',
    url: '/api/v1/delegation/categories/nowhere/grants/vehicle.transfer',
  },
  'GET /api/v1/me/business-types': { user: 'clerk.city', url: '/api/v1/me/business-types' },
  'GET /api/v1/delegation/matrix': { user: 'admin', url: '/api/v1/delegation/matrix' },
  'GET /api/v1/outlets/{code}/delegation': {
    user: 'admin',
    url: '/api/v1/outlets/520302-CO-001/delegation',
  },
  'POST /api/v1/outlets/{code}/suspension': {
    user: 'admin',
    url: '/api/v1/outlets/NO-SUCH/suspension',
    body: { reason: '' },
  },
  'DELETE /api/v1/outlets/{code}/suspension': {
    user: 'admin',
    url: '/api/v1/outlets/NO-SUCH/suspension',
    body: { note: '' },
  },
  'GET /api/v1/vehicles/by-plate/{plate}': {
    user: 'clerk.city',
    url: '/api/v1/vehicles/by-plate/贵CA8830',
  },
  'GET /api/v1/vehicles/by-vin/{vin}': {
    user: 'clerk.city',
    url: '/api/v1/vehicles/by-vin/LSJA24U62JG269225',
  },
  'POST /api/v1/imports/vehicles': {
    user: 'admin',
    url: '/api/v1/imports/vehicles',
    ndjson: true,
    body: { ...VEHICLE_LINE, seats: 'five' },
  },
  'GET /api/v1/verify/{token}': { user: null, url: '/api/v1/verify/520300.x.y' },
  'GET /api/v1/verify/{token}/proof': { user: null, url: '/api/v1/verify/520300.x.y/proof' },
  'GET /api/v1/audit/checkpoints/latest': { user: null, url: '/api/v1/audit/checkpoints/latest' },
  'GET /api/v1/audit/public-key': { user: null, url: '/api/v1/audit/public-key' },
  'GET /api/v1/installation': { user: null, url: '/api/v1/installation' },
  'GET /api/health': { user: null, url: '/api/health' },
  'GET /api/v1/verify/by-number/{number}': { user: null, url: '/api/v1/verify/by-number/XS0001' },
  'GET /api/v1/vehicles/{vin}/history': {
    user: 'clerk.city',
    url: '/api/v1/vehicles/LSJA24U62JG269225/history',
  },
  'GET /api/v1/vehicles/{vin}/flags': {
    user: 'clerk.city',
    url: '/api/v1/vehicles/LSJA24U62JG269225/flags',
  },
  'POST /api/v1/vehicles/{vin}/flags': {
    user: 'clerk.city',
    url: '/api/v1/vehicles/LSJA24U62JG269225/flags',
    body: { flag: 'nonsense', reason: '', authority: '' },
  },
  'DELETE /api/v1/vehicles/{vin}/flags/{flag}': {
    user: 'clerk.city',
    url: '/api/v1/vehicles/LSJA24U62JG269225/flags/nonsense',
  },
  'GET /api/v1/plates/candidates': {
    user: 'clerk.city',
    url: '/api/v1/plates/candidates?vehicleType=flying&count=5',
  },
  'POST /api/v1/inspections': {
    user: 'clerk.station',
    url: '/api/v1/inspections',
    body: {
      plate: 'nope',
      result: 'maybe',
      items: [],
      startedAt: 'x',
      finishedAt: 'y',
      inspector: '',
    },
  },
  'GET /api/v1/licences/{idNumber}': {
    user: 'clerk.police',
    url: '/api/v1/licences/520302198505120110',
  },
  'GET /api/v1/licences/{idNumber}/history': {
    user: 'clerk.police',
    url: '/api/v1/licences/520302198505120110/history',
  },
  'GET /api/v1/licences/{idNumber}/renewal': {
    user: 'clerk.hospital',
    url: '/api/v1/licences/520302198505120110/renewal',
  },
  'POST /api/v1/imports/licences': {
    user: 'admin',
    url: '/api/v1/imports/licences',
    ndjson: true,
    body: {
      idNumber: '520302198505120110',
      name: '敖先生',
      licenceNo: '520302198505120110',
      classes: ['C1'],
      firstIssuedOn: '2015-03-15',
      validUntil: '2031-03-15',
    },
  },
  'POST /api/v1/medical-certificates': {
    user: 'clerk.hospital',
    url: '/api/v1/medical-certificates',
    body: { idNumber: 'nope', name: '', examinedOn: '0000-01-01', conclusion: 'maybe' },
  },
  'POST /api/v1/exam-results': {
    user: 'clerk.exam',
    url: '/api/v1/exam-results',
    body: {
      idNumber: '520302198505120110',
      subject: 5,
      class: 'C1',
      examSiteCode: '520302-EX-001',
      examinerId: 'E1',
      score: 101,
      passed: true,
      faceMatch: 'pass',
      startedAt: '2026-11-26T09:00:00+08:00',
      finishedAt: '2026-11-26T08:00:00+08:00',
    },
  },
  'GET /api/v1/exam-results': { user: 'clerk.exam', url: '/api/v1/exam-results?date=2026-11-26' },
  'POST /api/v1/exam-sessions': {
    user: 'clerk.city',
    url: '/api/v1/exam-sessions',
    body: { examSiteCode: '520302-EX-001', subject: 0, date: '2026-13-01', capacity: 0 },
  },
  'GET /api/v1/exam-sessions': { user: 'clerk.city', url: '/api/v1/exam-sessions?limit=5' },
  'GET /api/v1/exam-sessions/{id}': {
    user: 'clerk.city',
    url: '/api/v1/exam-sessions/00000000-0000-4000-8000-000000000000',
  },
  'POST /api/v1/exam-sessions/{id}/close': {
    user: 'clerk.city',
    url: '/api/v1/exam-sessions/00000000-0000-4000-8000-000000000000/close',
  },
  'GET /api/v1/violations': {
    user: 'clerk.police',
    url: `/api/v1/violations?plate=${encodeURIComponent('贵CA8830')}`,
  },
  'POST /api/v1/imports/violations': {
    user: 'admin',
    url: '/api/v1/imports/violations',
    ndjson: true,
    body: {
      id: 'V520300000001',
      plate: '贵CZ9876',
      code: '1625',
      occurredAt: '2026-11-20T08:15:00+08:00',
      points: 6,
      fine: 200,
    },
  },
  'GET /api/v1/violations/{id}/handling-preview': {
    user: 'clerk.police',
    url: '/api/v1/violations/V520300000001/handling-preview?idNumber=520302198505120110',
  },
  'GET /api/v1/drivers/{idNumber}': {
    user: 'clerk.police',
    url: '/api/v1/drivers/520302198505120110',
  },
  'GET /api/v1/outlets/{code}/lane-board': {
    user: 'clerk.city',
    url: '/api/v1/outlets/520302-CO-001/lane-board?limit=5',
  },
  'GET /api/v1/outlets/{code}/lane-timings': {
    user: 'clerk.city',
    url: '/api/v1/outlets/520302-CO-001/lane-timings?from=2026-11-01&to=2026-11-30',
  },
  'POST /api/v1/applications': {
    user: 'clerk.city',
    url: '/api/v1/applications',
    body: { ...APPLICATION, data: { plate: 'nope' } },
  },
  'GET /api/v1/applications': { user: 'clerk.city', url: '/api/v1/applications?limit=2' },
  'GET /api/v1/applications/{id}': {
    user: 'clerk.city',
    url: '/api/v1/applications/00000000-0000-4000-8000-000000000000',
  },
  'POST /api/v1/applications/{id}/events': {
    user: 'clerk.city',
    url: '/api/v1/applications/00000000-0000-4000-8000-000000000000/events',
    body: { event: 'plate-produced', data: {} },
  },
  'POST /api/v1/supervision/runs': {
    user: 'sup.city',
    url: '/api/v1/supervision/runs',
    body: { from: '2026-11-30', to: '2026-11-01' },
  },
  'GET /api/v1/alerts': { user: 'sup.city', url: '/api/v1/alerts?status=open&limit=5' },
  'GET /api/v1/alerts/{id}': {
    user: 'sup.city',
    url: '/api/v1/alerts/00000000-0000-4000-8000-000000000000',
  },
  'POST /api/v1/alerts/{id}/disposition': {
    user: 'sup.city',
    url: '/api/v1/alerts/00000000-0000-4000-8000-000000000000/disposition',
    body: { action: 'explode', note: '' },
  },
  'POST /api/v1/imports/applications-history': {
    user: 'admin',
    url: '/api/v1/imports/applications-history',
    ndjson: true,
    body: { id: 'H1', businessType: 'vehicle.flying', outletCode: '', channel: 'pigeon' },
  },
  'POST /api/v1/imports/violation-handlings': {
    user: 'admin',
    url: '/api/v1/imports/violation-handlings',
    ndjson: true,
    body: { violationId: 'V1', plate: '', ownerIdNumber: 'X', points: 99, channel: 'pigeon' },
  },
  'GET /api/v1/findings': { user: 'sup.city', url: '/api/v1/findings?kind=point-trading&limit=5' },
  'GET /api/v1/findings/{id}': { user: 'sup.city', url: '/api/v1/findings/not-a-uuid' },
  'GET /api/v1/cases': { user: 'sup.city', url: '/api/v1/cases' },
  'POST /api/v1/cases': {
    user: 'sup.city',
    url: '/api/v1/cases',
    body: { title: '', findingIds: ['not-a-uuid'] },
  },
  'GET /api/v1/cases/{id}': {
    user: 'sup.city',
    url: '/api/v1/cases/00000000-0000-4000-8000-000000000000',
  },
  'PATCH /api/v1/cases/{id}': {
    user: 'sup.city',
    url: '/api/v1/cases/00000000-0000-4000-8000-000000000000',
    body: { status: 'vanished', outcome: '' },
  },
  'POST /api/v1/cases/{id}/steps': {
    user: 'sup.city',
    url: '/api/v1/cases/00000000-0000-4000-8000-000000000000/steps',
    body: { kind: 'gossip', note: '' },
  },
  'POST /api/v1/cases/{id}/measures': {
    user: 'sup.city',
    url: '/api/v1/cases/00000000-0000-4000-8000-000000000000/measures',
    body: { kind: 'jail', idNumber: '1', name: '' },
  },
  'POST /api/v1/cases/{id}/measures/{applicationId}/lift': {
    user: 'sup.city',
    url: '/api/v1/cases/00000000-0000-4000-8000-000000000000/measures/not-a-uuid/lift',
    body: { note: '' },
  },
  'POST /api/v1/imports/exam-results': {
    user: 'admin',
    url: '/api/v1/imports/exam-results',
    ndjson: true,
    body: { id: 'E1', subject: 9, class: 'Z9', faceMatch: 'maybe', startedAt: 'yesterday' },
  },
  'POST /api/v1/imports/inspections': {
    user: 'admin',
    url: '/api/v1/imports/inspections',
    ndjson: true,
    body: { id: 'I1', stationCode: '', result: 'perhaps', items: [], finishedAt: 'never' },
  },
  'POST /api/v1/spot-checks/draws': {
    user: 'sup.city',
    url: '/api/v1/spot-checks/draws',
    body: { population: 'nowhere', count: 0, parties: [] },
  },
  'POST /api/v1/spot-checks/draws/{id}/commitments': {
    user: 'sup.city',
    url: '/api/v1/spot-checks/draws/00000000-0000-4000-8000-000000000000/commitments',
    body: { party: 'sup.city', commitment: 'xyz' },
  },
  'POST /api/v1/spot-checks/draws/{id}/reveals': {
    user: 'sup.city',
    url: '/api/v1/spot-checks/draws/00000000-0000-4000-8000-000000000000/reveals',
    body: { party: 'sup.city', share: 'xyz' },
  },
  'GET /api/v1/spot-checks/draws': { user: null, url: '/api/v1/spot-checks/draws?limit=5' },
  'GET /api/v1/spot-checks/draws/{id}': {
    user: null,
    url: '/api/v1/spot-checks/draws/00000000-0000-4000-8000-000000000000',
  },
  'GET /api/v1/bulletins/{period}/{date}': {
    user: 'sup.city',
    url: '/api/v1/bulletins/weekly/2026-11-04',
  },
  'GET /api/v1/bulletins/{period}/{date}/print': {
    user: 'sup.city',
    // The page itself is HTML; hostile values in the path get the JSON error shape.
    url: '/api/v1/bulletins/weekly/2026-02-30/print',
  },
  'GET /api/v1/supervision/funnels/{rule}': {
    user: 'sup.city',
    url: '/api/v1/supervision/funnels/inspection-pass-rate?from=2026-11-01&to=2026-11-30',
  },
  'GET /api/v1/supervision/exam-oversight': {
    user: 'sup.city',
    url: '/api/v1/supervision/exam-oversight?from=2026-11-01&to=2026-11-30',
  },
  'GET /api/v1/supervision/station-risk': {
    user: 'sup.city',
    url: '/api/v1/supervision/station-risk?from=2026-11-01&to=2026-11-30',
  },
  'POST /api/v1/supervision/reviews/draws': {
    user: 'sup.city',
    url: '/api/v1/supervision/reviews/draws',
    body: { date: '2026-02-30' },
  },
  'GET /api/v1/supervision/reviews': {
    user: 'sup.city',
    url: '/api/v1/supervision/reviews?status=pending&limit=5',
  },
  'POST /api/v1/supervision/reviews/{id}/verdict': {
    user: 'sup.city',
    url: '/api/v1/supervision/reviews/00000000-0000-4000-8000-000000000000/verdict',
    body: { verdict: 'maybe', note: '' },
  },
  'POST /api/v1/citizens/sms-codes': {
    user: null,
    url: '/api/v1/citizens/sms-codes',
    body: { phone: '13912345678' },
  },
  'POST /api/v1/citizens': {
    user: null,
    url: '/api/v1/citizens',
    body: {
      idNumber: '520302199003070015',
      name: '张三',
      phone: '13912345678',
      password: 'citizen-password-1',
      smsCode: '123456',
    },
  },
  'GET /api/v1/citizens/me': { user: 'citizen', url: '/api/v1/citizens/me' },
  'POST /api/v1/citizens/me/vehicles': {
    user: 'citizen',
    url: '/api/v1/citizens/me/vehicles',
    body: { plate: '贵CZ0001' },
  },
  'DELETE /api/v1/citizens/me/vehicles/{plate}': {
    user: 'citizen',
    url: `/api/v1/citizens/me/vehicles/${encodeURIComponent('贵CZ0001')}`,
  },
  'GET /api/v1/appointments/slots': {
    user: 'citizen',
    url: '/api/v1/appointments/slots?outletCode=520302-CO-001&date=2026-11-27',
  },
  'POST /api/v1/appointments': {
    user: 'citizen',
    url: '/api/v1/appointments',
    body: {
      outletCode: '520302-CO-001',
      businessType: 'licence.renew',
      date: '2026-11-27',
      slot: '09:00',
    },
  },
  'GET /api/v1/appointments/outlets': {
    user: 'citizen',
    url: '/api/v1/appointments/outlets?businessType=licence.renew',
  },
  'DELETE /api/v1/appointments/{id}': {
    user: 'citizen',
    url: '/api/v1/appointments/00000000-0000-4000-8000-000000000000',
  },
  'POST /api/v1/applications/{id}/rating': {
    user: 'clerk.city',
    url: '/api/v1/applications/00000000-0000-4000-8000-000000000000/rating',
    body: { score: 5, comment: '满意' },
  },
  'GET /api/v1/callbacks': { user: 'sup.city', url: '/api/v1/callbacks?status=open' },
  'POST /api/v1/callbacks/{id}': {
    user: 'sup.city',
    url: '/api/v1/callbacks/00000000-0000-4000-8000-000000000000',
    body: { reached: true, satisfied: true, note: '满意' },
  },
  'GET /api/v1/outlets/{code}/hours': {
    user: 'clerk.city',
    url: '/api/v1/outlets/520302-CO-001/hours',
  },
  'PUT /api/v1/outlets/{code}/hours': {
    user: 'admin',
    url: '/api/v1/outlets/520302-CO-001/hours',
    body: { weekdays: [{ open: '25:00', close: '08:00' }], saturday: [], sunday: [], holidays: 3 },
  },
  'POST /api/v1/rosters/draws': {
    user: 'admin',
    url: '/api/v1/rosters/draws',
    body: { outletCode: '520302-CO-001', from: '2031-01-02', to: '2031-01-01' },
  },
  'GET /api/v1/rosters/draws/{id}': {
    user: 'admin',
    url: '/api/v1/rosters/draws/00000000-0000-4000-8000-000000000000',
  },
  'GET /api/v1/service/handling-times': {
    user: 'sup.city',
    url: '/api/v1/service/handling-times?from=2026-11-01&to=2026-11-30&outletCode=520302-CO-001',
  },
  'GET /api/v1/service/sla-breaches': {
    user: 'sup.city',
    url: '/api/v1/service/sla-breaches?from=2026-11-01&to=2026-11-30&limit=5',
  },
  'POST /api/v1/service/sla-escalations': {
    user: 'sup.city',
    url: '/api/v1/service/sla-escalations',
  },
  'GET /api/v1/rectifications': { user: 'sup.city', url: '/api/v1/rectifications?status=open' },
  'POST /api/v1/applications/{id}/onsite': {
    user: 'sup.city',
    url: '/api/v1/applications/00000000-0000-4000-8000-000000000000/onsite',
    body: { reason: '核查' },
  },
  'POST /api/v1/onsite-requirements': {
    user: 'sup.city',
    url: '/api/v1/onsite-requirements',
    body: {
      idNumber: '520302199003070015',
      businessType: 'licence.reissue',
      from: '2026-12-31',
      until: '2026-11-26',
      reason: '核查',
    },
  },
  'GET /api/v1/onsite-requirements': {
    user: 'sup.city',
    url: '/api/v1/onsite-requirements?idNumber=520302199003070015',
  },
  'POST /api/v1/rectifications/{id}': {
    user: 'admin',
    url: '/api/v1/rectifications/00000000-0000-4000-8000-000000000000',
    body: { action: '已整改' },
  },
};

const INVISIBLE = ['\u0000', '\u0007', '\u0085', '\u202e', '\u200b', '\ud800', '\udfff'];
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...INVISIBLE), fc.string({ maxLength: 8 }))
    .map(([a, b, c]) => a + b + c),
  fc.constantFrom(
    '0000-01-01',
    '9999-99-99',
    "'; DROP TABLE vehicles; --",
    '../../etc/passwd',
    '%zz',
  ),
  fc.string({ minLength: 500, maxLength: 3000 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.constantFrom(1e308, -1, 100_000_000, 0.5, Number.MAX_SAFE_INTEGER, true, null, [], {}),
  fc.constant('deep'),
);

/** A path segment as a client would send it; a lone surrogate as the invalid UTF-8 it becomes. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text).slice(0, 4000);
  } catch {
    return '%ED%A0%80';
  }
}

/** Sends a sample with one change; a 'deep' value becomes a 200-level nested array. */
async function send(key: string, s: Sample, body: unknown, url = s.url) {
  const [method] = key.split(' ');
  const text = JSON.stringify(body, (_k, v) => (v === 'deep' ? '@@DEEP@@' : v))?.replace(
    '"@@DEEP@@"',
    `${'['.repeat(200)}1${']'.repeat(200)}`,
  );
  return await t.app.inject({
    method: method as 'GET',
    url,
    headers: {
      ...(s.user === 'citizen'
        ? bearer(await t.login(citizen.username, citizen.password))
        : s.user
          ? bearer(await t.login(s.user))
          : {}),
      ...(body === undefined
        ? {}
        : { 'content-type': s.ndjson ? 'application/x-ndjson' : 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: text ?? '' }),
  });
}

/** Row counts of the tables a request could change, to prove malformed input changed none. */
async function state(): Promise<string> {
  const { rows } = await sql<{ n: string }>`
    SELECT (SELECT count(*) FROM applications) || '/' || (SELECT count(*) FROM audit_log) || '/' ||
           (SELECT count(*) FROM documents) || '/' || (SELECT count(*) FROM vehicles) || '/' ||
           (SELECT count(*) FROM users) || '/' || (SELECT count(*) FROM outlets) || '/' ||
           (SELECT count(*) FROM grants) || '/' || (SELECT count(*) FROM policy_values) || '/' ||
           (SELECT count(*) FROM calendar_days) || '/' || (SELECT count(*) FROM licences) || '/' ||
           (SELECT count(*) FROM violations) || '/' || (SELECT count(*) FROM exam_sessions) || '/' ||
           (SELECT count(*) FROM exam_results) || '/' ||
           (SELECT count(*) FROM medical_certificates) || '/' ||
           (SELECT count(*) FROM citizens) || '/' || (SELECT count(*) FROM citizen_vehicles) || '/' ||
           (SELECT count(*) FROM appointments) || '/' || (SELECT count(*) FROM ratings) || '/' ||
           (SELECT count(*) FROM callbacks) || '/' || (SELECT count(*) FROM roster_draws) || '/' ||
           (SELECT count(*) FROM rectifications WHERE status = 'done') || '/' ||
           (SELECT count(*) FROM onsite_requirements) AS n`.execute(t.ctx.db);
  return rows[0]!.n;
}

describe('hostile input over every endpoint', () => {
  it('has a sample for every endpoint of the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const routes = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.filter((r) => !SAMPLES[r])).toEqual([]);
  });

  it.each(Object.entries(SAMPLES))('%s: never 5xx, and a 400 changes nothing', async (key, s) => {
    const fields = s.body ? Object.keys(s.body) : [];
    // The URL segments that are path parameters in the endpoint's template.
    const template = key.split(' ')[1]!.split('/');
    const params = template.flatMap((seg, i) => (seg.startsWith('{') ? [i] : []));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fields.length ? fc.constantFrom(...fields) : fc.constant(null),
          fc.constant('$url'),
          fc.constant('$body'),
        ),
        hostileValue,
        async (field, value) => {
          const before = await state();
          let url = s.url;
          let body: unknown = s.body;
          if (field === '$url' && params.length) {
            const segments = s.url.split('?')[0]!.split('/');
            segments[params.at(-1)!] = encode(String(value));
            url = segments.join('/');
          } else if (field === '$body') {
            body = value;
          } else if (field) {
            body = { ...s.body, [field]: value };
          }
          const res = await send(key, s, body, url);
          expect(
            res.statusCode,
            `${key} ${field}=${JSON.stringify(value)?.slice(0, 80)}`,
          ).toBeLessThan(500);
          expect(res.json()).toBeTypeOf('object');
          if (res.statusCode === 400) expect(await state()).toBe(before);
        },
      ),
      { numRuns: 15 },
    );
  });
});
