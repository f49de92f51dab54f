import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, DEMO_ACCOUNTS, type TestApp } from '../../../test/support/app.ts';
import { registerCitizen } from '../../../test/support/citizens.ts';
import {
  createLicence,
  createOutlet,
  createUser,
  createVehicle,
  GUIYANG,
  idNumber,
  plate,
  registrationData,
  vin,
} from '../../../test/support/factories.ts';

/**
 * The permission matrix: every protected endpoint × every demo account and two accounts of a
 * second city, with the exact status each must get. 403 is a refusal by role or scope; 404 is
 * "not in your jurisdiction" (another city's records, and the registry files of a county outside
 * a supervisor's scope, do not exist for you); any other status means the request got past
 * authorisation and was answered on its merits.
 */
let t: TestApp;
const DEMO = DEMO_ACCOUNTS;
const OTHER_CITY = ['gy.admin', 'gy.clerk'] as const;
const USERS = [...DEMO, ...OTHER_CITY];
type User = (typeof USERS)[number];
const CLERKS = USERS.filter((u) => u.includes('clerk'));
const otherCity: Record<(typeof OTHER_CITY)[number], { username: string; password: string }> =
  {} as never;
let plateReissueId = '';
/** A registration taken in at the demo dealer (Huichuan). */
let dealerRegistrationId = '';
/** A roster draw of the city office (Honghuagang). */
let rosterDrawId = '';
/** A vehicle of Honghuagang that the flag cases seize and release. */
let flagged = '';

beforeAll(async () => {
  t = await createTestApp();
  const office = await createOutlet(t.ctx.db, {
    category: 'city-office',
    countyCode: GUIYANG.countyCode,
  });
  otherCity['gy.admin'] = await createUser(t.ctx.db, {
    roles: ['admin'],
    scope: { level: 'city', code: GUIYANG.cityCode },
  });
  otherCity['gy.clerk'] = await createUser(t.ctx.db, { roles: ['clerk'], outletCode: office.code });
  const v = await createVehicle(t.ctx.db);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: bearer(await t.login('clerk.city')),
    payload: {
      businessType: 'vehicle.plate-reissue',
      applicant: { idNumber: v.ownerIdNumber, name: v.ownerName },
      data: { plate: v.plate },
    },
  });
  plateReissueId = res.json().id;
  dealerRegistrationId = (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: bearer(await t.login('clerk.dealer')),
      payload: {
        businessType: 'vehicle.register',
        applicant: { idNumber: idNumber(), name: '经销商客户' },
        data: registrationData(),
      },
    })
  ).json().id;
  flagged = (await createVehicle(t.ctx.db)).vin;
  rosterDrawId = (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/rosters/draws',
      headers: bearer(await t.login('admin')),
      payload: { outletCode: '520302-CO-001', from: '2031-05-01', to: '2031-05-02' },
    })
  ).json().id;
});
afterAll(async () => t.close());

const token = async (user: User) =>
  user in otherCity
    ? await t.login(
        otherCity[user as keyof typeof otherCity].username,
        otherCity[user as keyof typeof otherCity].password,
      )
    : await t.login(user);

interface Case {
  name: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: () => string;
  payload?: unknown;
  contentType?: string;
  /** The status every account gets unless named in `except`. */
  status: number;
  except?: Partial<Record<User, number>>;
}

/** `status` for these users, `rest` for everyone else. */
const only = (users: readonly User[], status: number, rest = 403) =>
  Object.fromEntries(USERS.map((u) => [u, users.includes(u) ? status : rest])) as Record<
    User,
    number
  >;
const STAFF_OF_MAP = ['admin', 'sup.city', 'sup.county', 'gy.admin'] as const;
/** 敖先生, owner of 贵CA8830, a demo driver with a licence and two camera records. */
const STORY_DRIVER = '520302198505120110';

const CASES: Case[] = [
  { name: 'me', url: () => '/api/v1/me', status: 200 },
  {
    name: 'list outlets',
    url: () => '/api/v1/outlets',
    status: 403,
    except: only(STAFF_OF_MAP, 200),
  },
  {
    name: 'an outlet in Tongzi county',
    url: () => '/api/v1/outlets/520322-KO-001',
    status: 403,
    except: { ...only(STAFF_OF_MAP, 200), 'gy.admin': 404 },
  },
  {
    name: 'an outlet outside Tongzi',
    url: () => '/api/v1/outlets/520302-CO-001',
    status: 403,
    except: { ...only(STAFF_OF_MAP, 200), 'sup.county': 403, 'gy.admin': 404 },
  },
  {
    name: "an outlet's delegation history outside Tongzi",
    url: () => '/api/v1/outlets/520302-CO-001/delegation',
    status: 403,
    except: { ...only(STAFF_OF_MAP, 200), 'sup.county': 403, 'gy.admin': 404 },
  },
  {
    name: 'network summary',
    url: () => '/api/v1/network/summary',
    status: 403,
    except: only(STAFF_OF_MAP, 200),
  },
  {
    name: 'agreements',
    url: () => '/api/v1/agreements',
    status: 403,
    except: only(STAFF_OF_MAP, 200),
  },
  {
    name: 'delegation matrix',
    url: () => '/api/v1/delegation/matrix',
    status: 403,
    except: only(STAFF_OF_MAP, 200),
  },
  { name: 'policies', url: () => '/api/v1/policies', status: 403, except: only(STAFF_OF_MAP, 200) },
  { name: 'catalog', url: () => '/api/v1/catalog/business-types', status: 200 },
  { name: 'calendar', url: () => '/api/v1/calendar?year=2026', status: 200 },
  {
    name: "what the clerk's outlet may accept",
    url: () => '/api/v1/me/business-types',
    status: 403,
    except: only(CLERKS, 200),
  },
  {
    name: 'grant to an outlet',
    method: 'PUT',
    url: () => '/api/v1/outlets/520303-DL-002/grants/vehicle.transfer',
    payload: {},
    status: 403,
    except: { admin: 204, 'gy.admin': 404 },
  },
  {
    name: 'withdraw from an outlet',
    method: 'DELETE',
    url: () => '/api/v1/outlets/520303-DL-003/grants/vehicle.register',
    status: 403,
    except: { admin: 204, 'gy.admin': 404 },
  },
  {
    name: 'grant to a category (of the admin’s own city)',
    method: 'PUT',
    url: () => '/api/v1/delegation/categories/insurer/grants/licence.reissue',
    payload: {},
    status: 403,
    except: { admin: 204, 'gy.admin': 204 },
  },
  {
    name: 'restore an outlet that is not suspended',
    method: 'DELETE',
    url: () => '/api/v1/outlets/520303-DL-004/suspension',
    status: 403,
    except: { admin: 409, 'gy.admin': 404 },
  },
  {
    name: 'add a policy version (for the admin’s city)',
    method: 'POST',
    url: () => '/api/v1/policies',
    payload: { key: 'temp-plate.export.max-days', value: 30, effectiveFrom: '2030-01-01' },
    status: 403,
    except: { admin: 201, 'gy.admin': 201 },
  },
  {
    name: 'set a calendar day',
    method: 'PUT',
    url: () => '/api/v1/calendar/2030-01-01',
    payload: { kind: 'holiday', name: '元旦' },
    status: 403,
    except: { admin: 204, 'gy.admin': 204 },
  },
  {
    name: 'import vehicles',
    method: 'POST',
    url: () => '/api/v1/imports/vehicles',
    payload: '',
    contentType: 'application/x-ndjson',
    status: 403,
    except: { admin: 200, 'gy.admin': 200 },
  },
  {
    name: 'import outlets',
    method: 'POST',
    url: () => '/api/v1/imports/outlets',
    payload: '',
    contentType: 'application/x-ndjson',
    status: 403,
    except: { admin: 200, 'gy.admin': 200 },
  },
  {
    name: 'list staff',
    url: () => '/api/v1/users',
    status: 403,
    except: { admin: 200, 'gy.admin': 200 },
  },
  {
    name: 'read a staff account of Zunyi',
    url: () => '/api/v1/users/clerk.post',
    status: 403,
    except: { admin: 200 },
  },
  {
    name: 'read a vehicle of Honghuagang (need to know)',
    url: () => '/api/v1/vehicles/by-plate/贵CA8830',
    status: 200,
    except: {
      'sup.county': 404,
      'clerk.hospital': 403,
      'clerk.exam': 403,
      'gy.admin': 404,
      'gy.clerk': 404,
    },
  },
  {
    name: "read a vehicle's file by VIN, its history and its flags (need to know)",
    url: () => `/api/v1/vehicles/${flagged}/history`,
    status: 200,
    except: {
      'sup.county': 404,
      'clerk.hospital': 403,
      'clerk.exam': 403,
      'gy.admin': 404,
      'gy.clerk': 404,
    },
  },
  {
    name: 'seize a vehicle (police staff, not the administrator; the first seizure holds, a second is a conflict)',
    method: 'POST',
    url: () => `/api/v1/vehicles/${flagged}/flags`,
    payload: { flag: 'seized', reason: '法院协助执行', authority: '遵义市红花岗区人民法院' },
    // Refused by role before the vehicle is looked up: another city's administrator too (403).
    status: 403,
    except: {
      'clerk.city': 201,
      'clerk.county': 409,
      'clerk.police': 409,
      'gy.clerk': 404,
    },
  },
  {
    name: 'lift a seizure (police staff)',
    method: 'DELETE',
    url: () => `/api/v1/vehicles/${flagged}/flags/seized`,
    // The city office's clerk lifts it; for the police clerks after that there is none to lift.
    status: 403,
    except: {
      'clerk.city': 200,
      'clerk.county': 404,
      'clerk.police': 404,
      'gy.admin': 404,
      'gy.clerk': 404,
    },
  },
  {
    name: 'read the lane timings of the city office',
    url: () => '/api/v1/outlets/520302-CO-001/lane-timings?from=2026-11-01&to=2026-11-30',
    status: 403,
    except: { admin: 200, 'sup.city': 200, 'clerk.city': 200, 'gy.admin': 404, 'gy.clerk': 404 },
  },
  {
    name: 'read the registration lane board of the city office',
    url: () => '/api/v1/outlets/520302-CO-001/lane-board',
    status: 403,
    except: { admin: 200, 'sup.city': 200, 'clerk.city': 200, 'gy.admin': 404, 'gy.clerk': 404 },
  },
  {
    name: 'read a driver licence of Honghuagang (the police and the file readers)',
    url: () => `/api/v1/licences/${STORY_DRIVER}`,
    status: 403,
    except: {
      ...only(['admin', 'sup.city', 'clerk.city', 'clerk.county', 'clerk.police'], 200),
      'sup.county': 404,
      'gy.admin': 404,
      'gy.clerk': 404,
    },
  },
  {
    name: 'read what a renewal needs (also the post and hospital clerks)',
    url: () => `/api/v1/licences/${STORY_DRIVER}/renewal`,
    status: 403,
    except: {
      ...only(
        [
          'admin',
          'sup.city',
          'clerk.city',
          'clerk.county',
          'clerk.police',
          'clerk.post',
          'clerk.hospital',
        ],
        200,
      ),
      'sup.county': 404,
      'gy.admin': 404,
      'gy.clerk': 404,
    },
  },
  {
    name: 'read the licence file (history)',
    url: () => `/api/v1/licences/${STORY_DRIVER}/history`,
    status: 403,
    except: {
      ...only(['admin', 'sup.city', 'clerk.city', 'clerk.county', 'clerk.police'], 200),
      'sup.county': 404,
      'gy.admin': 404,
      'gy.clerk': 404,
    },
  },
  {
    name: 'read the driver file',
    url: () => `/api/v1/drivers/${STORY_DRIVER}`,
    status: 403,
    except: {
      ...only(['admin', 'sup.city', 'clerk.city', 'clerk.county', 'clerk.police'], 200),
      'sup.county': 404,
      'gy.admin': 404,
      'gy.clerk': 404,
    },
  },
  {
    name: "list a person's violations (a county supervisor's list keeps to the county)",
    url: () => `/api/v1/violations?idNumber=${STORY_DRIVER}`,
    status: 403,
    except: only(
      [
        'admin',
        'sup.city',
        'sup.county',
        'clerk.city',
        'clerk.county',
        'clerk.police',
        'clerk.bank',
        'gy.admin',
        'gy.clerk',
      ],
      200,
    ),
  },
  {
    name: 'check a violation before handling it (police windows only)',
    url: () => `/api/v1/violations/DEMO000000/handling-preview?idNumber=${STORY_DRIVER}`,
    status: 403,
    except: only(['clerk.city', 'clerk.county', 'clerk.police', 'gy.clerk'], 200),
  },
  {
    name: 'record a medical certificate (hospital exam points only)',
    method: 'POST',
    url: () => '/api/v1/medical-certificates',
    payload: {
      idNumber: STORY_DRIVER,
      name: '敖先生',
      examinedOn: '2026-11-25',
      conclusion: 'fit',
    },
    status: 403,
    except: { 'clerk.hospital': 201 },
  },
  {
    name: 'record an exam result (exam sites only)',
    method: 'POST',
    url: () => '/api/v1/exam-results',
    payload: {
      idNumber: STORY_DRIVER,
      subject: 1,
      class: 'C1',
      examSiteCode: '520302-EX-001',
      examinerId: 'E1',
      score: 95,
      passed: true,
      faceMatch: 'pass',
      startedAt: '2026-11-26T09:00:00+08:00',
      finishedAt: '2026-11-26T09:40:00+08:00',
    },
    status: 403,
    except: { 'clerk.exam': 201 },
  },
  {
    name: "read an exam site's results of a day (its own clerks)",
    url: () => '/api/v1/exam-results?date=2026-11-26',
    status: 403,
    except: { 'clerk.exam': 200 },
  },
  {
    // Another city's site is no site of theirs: the field is refused, as an unknown code is.
    name: 'open an exam session (offices; the second is a duplicate)',
    method: 'POST',
    url: () => '/api/v1/exam-sessions',
    payload: { examSiteCode: '520302-EX-001', subject: 1, date: '2031-03-03', capacity: 10 },
    status: 403,
    except: {
      admin: 201,
      'clerk.city': 409,
      'clerk.county': 409,
      'gy.admin': 400,
      'gy.clerk': 400,
    },
  },
  {
    name: 'list exam sessions',
    url: () => '/api/v1/exam-sessions',
    status: 403,
    except: only(['admin', 'clerk.city', 'clerk.county', 'gy.admin', 'gy.clerk'], 200),
  },
  {
    name: 'import licences',
    method: 'POST',
    url: () => '/api/v1/imports/licences',
    payload: '',
    contentType: 'application/x-ndjson',
    status: 403,
    except: { admin: 200, 'gy.admin': 200 },
  },
  {
    name: 'import exam results',
    method: 'POST',
    url: () => '/api/v1/imports/exam-results',
    payload: '',
    contentType: 'application/x-ndjson',
    status: 403,
    except: { admin: 200, 'gy.admin': 200 },
  },
  {
    name: 'import inspections',
    method: 'POST',
    url: () => '/api/v1/imports/inspections',
    payload: '',
    contentType: 'application/x-ndjson',
    status: 403,
    except: { admin: 200, 'gy.admin': 200 },
  },
  {
    name: 'import violations',
    method: 'POST',
    url: () => '/api/v1/imports/violations',
    payload: '',
    contentType: 'application/x-ndjson',
    status: 403,
    except: { admin: 200, 'gy.admin': 200 },
  },
  {
    name: 'submit an application (refused on its merits at every outlet)',
    method: 'POST',
    url: () => '/api/v1/applications',
    payload: {
      businessType: 'vehicle.licence-reissue',
      applicant: { idNumber: '520302199003070015', name: '张三' },
      data: { plate: '贵CZ0001' },
    },
    status: 403,
    except: only(CLERKS, 422),
  },
  { name: 'list applications', url: () => '/api/v1/applications', status: 200 },
  {
    name: 'read an application of the city office',
    url: () => `/api/v1/applications/${plateReissueId}`,
    status: 403,
    except: { admin: 200, 'sup.city': 200, 'clerk.city': 200 },
  },
  {
    // Its outlet, the police over it (the city office for the whole city; Tongzi's office and
    // window are not over Huichuan) and the detachment; not another outlet of its county.
    name: "read a dealer's application",
    url: () => `/api/v1/applications/${dealerRegistrationId}`,
    status: 403,
    except: { admin: 200, 'sup.city': 200, 'clerk.city': 200, 'clerk.dealer': 200 },
  },
  {
    name: 'move on an application (the outlet that took it, or an office of its city)',
    method: 'POST',
    url: () => `/api/v1/applications/${plateReissueId}/events`,
    // Out of order on purpose: whoever may act gets 409, the rest are refused before that.
    payload: { event: 'plate-handed-over', data: { collectorIdNumber: '520302199003070015' } },
    status: 403,
    except: { 'clerk.city': 409, 'clerk.county': 409 },
  },
  // Supervision (管): administrators and supervisors read their jurisdiction; the detachment
  // (and administrators) run the rules, draw recordings and spot checks; supervisors judge.
  ...(
    [
      ['alerts', '/api/v1/alerts?limit=5'],
      [
        'a funnel plot',
        '/api/v1/supervision/funnels/outlet-refusal-rate?from=2026-11-01&to=2026-11-30',
      ],
      ['exam oversight', '/api/v1/supervision/exam-oversight?from=2026-11-01&to=2026-11-30'],
      ['station risk', '/api/v1/supervision/station-risk?from=2026-11-01&to=2026-11-30'],
      ['the review queue', '/api/v1/supervision/reviews?limit=5'],
      ['a bulletin', '/api/v1/bulletins/weekly/2026-11-04'],
    ] as const
  ).map(([name, url]): Case => ({
    name: `supervision: ${name}`,
    url: () => url,
    status: 403,
    except: only(STAFF_OF_MAP, 200),
  })),
  {
    name: 'supervision: run the rules',
    method: 'POST',
    url: () => '/api/v1/supervision/runs',
    payload: { from: '2026-11-25', to: '2026-11-25' },
    status: 403,
    except: only(['admin', 'sup.city', 'gy.admin'], 200),
  },
  // Anti-fraud (黄牛): supervisors only; the detachment alone takes measures against a person.
  {
    name: 'anti-fraud: findings',
    url: () => '/api/v1/findings',
    status: 403,
    except: only(['sup.city', 'sup.county'], 200),
  },
  {
    name: 'anti-fraud: an unknown finding',
    url: () => '/api/v1/findings/00000000-0000-4000-8000-000000000000',
    status: 403,
    except: only(['sup.city', 'sup.county'], 404),
  },
  {
    name: 'anti-fraud: cases',
    url: () => '/api/v1/cases',
    status: 403,
    except: only(['sup.city', 'sup.county'], 200),
  },
  {
    name: 'anti-fraud: open a case from an unknown finding',
    method: 'POST',
    url: () => '/api/v1/cases',
    payload: { title: '案件', findingIds: ['00000000-0000-4000-8000-000000000000'] },
    status: 403,
    except: only(['sup.city', 'sup.county'], 404),
  },
  {
    name: 'anti-fraud: a measure on an unknown case (the detachment only)',
    method: 'POST',
    url: () => '/api/v1/cases/00000000-0000-4000-8000-000000000000/measures',
    payload: { kind: 'substitute-hold', idNumber: '520302199003070015', name: '张三' },
    status: 403,
    except: only(['sup.city'], 404),
  },
  {
    name: 'anti-fraud: a review flag on an unknown case (the detachment only)',
    method: 'POST',
    url: () => '/api/v1/cases/00000000-0000-4000-8000-000000000000/measures',
    payload: {
      kind: 'agent-review-flag',
      idNumber: '520302199003070015',
      name: '张三',
      until: '2027-03-31',
    },
    status: 403,
    except: only(['sup.city'], 404),
  },
  {
    name: 'anti-fraud: lift a measure of an unknown case (the detachment only)',
    method: 'POST',
    url: () =>
      '/api/v1/cases/00000000-0000-4000-8000-000000000000/measures/00000000-0000-4000-8000-000000000001/lift',
    payload: { note: '审核完毕' },
    status: 403,
    except: only(['sup.city'], 404),
  },
  {
    name: 'import violation handlings',
    method: 'POST',
    url: () => '/api/v1/imports/violation-handlings',
    payload: '',
    contentType: 'application/x-ndjson',
    status: 403,
    except: { admin: 200, 'gy.admin': 200 },
  },
  {
    name: "supervision: draw a day's exam recordings for review",
    method: 'POST',
    url: () => '/api/v1/supervision/reviews/draws',
    payload: { date: '2026-11-25' },
    status: 403,
    except: only(['admin', 'sup.city', 'gy.admin'], 200),
  },
  {
    name: 'supervision: a verdict on a recording (supervisors only)',
    method: 'POST',
    url: () => '/api/v1/supervision/reviews/00000000-0000-4000-8000-000000000000/verdict',
    payload: { verdict: 'ok', note: '规范' },
    status: 403,
    except: only(['sup.city', 'sup.county'], 404),
  },
  {
    name: 'supervision: a spot-check draw of the city offices',
    method: 'POST',
    url: () => '/api/v1/spot-checks/draws',
    payload: { population: 'city-office', count: 1, parties: ['office'] },
    status: 403,
    except: only(['admin', 'sup.city', 'gy.admin'], 201),
  },
  {
    name: 'a roster draw of an outlet outside Tongzi',
    url: () => `/api/v1/rosters/draws/${rosterDrawId}`,
    status: 403,
    except: { ...only(['admin', 'sup.city'], 200), 'gy.admin': 404 },
  },
];

describe('permission matrix', () => {
  for (const c of CASES) {
    for (const user of USERS) {
      const expected = c.except?.[user] ?? c.status;
      it(`${c.name}: ${user} → ${expected}`, async () => {
        const res = await t.app.inject({
          method: c.method ?? 'GET',
          url: encodeURI(c.url()),
          headers: {
            ...bearer(await token(user)),
            ...(c.contentType ? { 'content-type': c.contentType } : {}),
          },
          ...(c.payload !== undefined ? { payload: c.payload as string } : {}),
        });
        expect(res.statusCode).toBe(expected);
        if (expected === 403) expect(res.json().error.code).toBe('FORBIDDEN');
      });
    }
  }
});

describe('the outlet suspension endpoints', () => {
  it('are for administrators only', async () => {
    for (const user of ['sup.city', 'clerk.city', 'clerk.dealer'] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/outlets/520303-DL-001/suspension',
        headers: bearer(await token(user)),
        payload: { reason: '测试' },
      });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('identity numbers', () => {
  it('are shown in full to police windows and masked for social outlets and supervisors', async () => {
    const read = async (user: User) =>
      (
        await t.app.inject({
          url: encodeURI('/api/v1/vehicles/by-plate/贵CA8830'),
          headers: bearer(await token(user)),
        })
      ).json().owner.idNumber;
    expect(await read('clerk.city')).toBe('520302198505120110');
    expect(await read('admin')).toBe('520302198505120110');
    expect(await read('clerk.dealer')).toBe('520302********0110');
    expect(await read('sup.city')).toBe('520302********0110');
  });
});

describe('a refusal does not tell whether a registry record exists', () => {
  /**
   * For each reader who may not see a record of Honghuagang (a county supervisor of Tongzi by
   * scope; a citizen, a hospital, an exam site or a bank by role), a record that exists answers
   * exactly as one that does not: same status, same error.
   */
  it('answers an existing record out of reach as an absent one, for every limited reader', async () => {
    const licence = await createLicence(t.ctx.db);
    const car = await createVehicle(t.ctx.db);
    const own = await createLicence(t.ctx.db);
    const citizen = await registerCitizen(t, { idNumber: own.idNumber, name: own.name });
    const absentId = idNumber();
    const absentPlate = plate();
    const absentVin = vin();
    const readers = {
      'sup.county': bearer(await t.login('sup.county')),
      citizen: bearer(await t.login(citizen.username, citizen.password)),
      'clerk.hospital': bearer(await t.login('clerk.hospital')),
      'clerk.exam': bearer(await t.login('clerk.exam')),
      'clerk.bank': bearer(await t.login('clerk.bank')),
    };
    type Reader = keyof typeof readers;
    const fileless: Reader[] = ['sup.county', 'citizen', 'clerk.hospital', 'clerk.exam'];
    // Banks read no driver file but do read vehicles (mortgages); hospitals read renewals.
    const pairs: [string, string, Reader[]][] = [
      [
        `/api/v1/licences/${licence.idNumber}`,
        `/api/v1/licences/${absentId}`,
        [...fileless, 'clerk.bank'],
      ],
      [
        `/api/v1/licences/${licence.idNumber}/history`,
        `/api/v1/licences/${absentId}/history`,
        [...fileless, 'clerk.bank'],
      ],
      [
        `/api/v1/licences/${licence.idNumber}/renewal`,
        `/api/v1/licences/${absentId}/renewal`,
        ['sup.county', 'citizen', 'clerk.exam', 'clerk.bank'],
      ],
      [
        `/api/v1/drivers/${licence.idNumber}`,
        `/api/v1/drivers/${absentId}`,
        [...fileless, 'clerk.bank'],
      ],
      [
        `/api/v1/vehicles/by-plate/${car.plate}`,
        `/api/v1/vehicles/by-plate/${absentPlate}`,
        fileless,
      ],
      [`/api/v1/vehicles/by-vin/${car.vin}`, `/api/v1/vehicles/by-vin/${absentVin}`, fileless],
      [`/api/v1/vehicles/${car.vin}/history`, `/api/v1/vehicles/${absentVin}/history`, fileless],
      [`/api/v1/vehicles/${car.vin}/flags`, `/api/v1/vehicles/${absentVin}/flags`, fileless],
    ];
    const answer = async (url: string, headers: Record<string, string>) => {
      const res = await t.app.inject({ url: encodeURI(url), headers });
      return `${res.statusCode} ${JSON.stringify(res.json().error ?? 'no error')}`;
    };
    const differ: string[] = [];
    for (const [existing, absent, limited] of pairs) {
      for (const reader of limited) {
        const [a, b] = [
          await answer(existing, readers[reader]),
          await answer(absent, readers[reader]),
        ];
        if (a !== b || a.startsWith('200')) differ.push(`${reader} ${existing}: ${a} / ${b}`);
      }
    }
    expect(differ).toEqual([]);
    // The county supervisor's own county still reads (the refusal is by place, not by role).
    const tongzi = await createLicence(t.ctx.db, { countyCode: '520322' });
    expect(
      (
        await t.app.inject({
          url: `/api/v1/licences/${tongzi.idNumber}`,
          headers: readers['sup.county'],
        })
      ).statusCode,
    ).toBe(200);
  });
});
