import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { idNumber, orgCode, vin, zunyiPlate } from '../../../test/support/factories.ts';
import { maskIdNumber } from '#shared/validators/index.ts';
import type { Database } from '../db/types.ts';
import { refreshGraph } from './graph.service.ts';
import { refreshPlatform } from './platform-events.service.ts';

/**
 * Anti-fraud from the imports to the findings (issue 11): a planted ring of three drivers under
 * the caps with camouflage, a family and a company fleet (hard negatives), an agent rotating
 * identities; one supervision run finds the ring and the agent and nothing of the others, the
 * same period again adds nothing, and each role sees what its scope allows.
 */
let t: TestApp;
const SURNAMES = '赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
let named = 0;
const person = (surname?: string) => {
  named += 1;
  return {
    idNumber: idNumber(),
    name: `${surname ?? SURNAMES[named % SURNAMES.length]}某${named}`,
  };
};

type Person = { idNumber: string; name: string };
const ring = { drivers: [] as Person[], owners: [] as Person[], plates: [] as string[] };
const family = { people: [] as Person[], plates: [] as string[] };
const fleet = { company: orgCode(), drivers: [] as Person[], plates: [] as string[] };
const agent = { identities: [] as Person[], applicants: [] as Person[] };
let county: { office: string; code: string };
/** A stranger's vehicle and a ring driver's own, each with an unhandled violation. */
const later = { strangerPlate: '', ownPlate: '', strangerViolation: '', ownViolation: '' };

async function importLines(kind: string, lines: object[], who = 'admin') {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/imports/${kind}`,
    headers: { ...bearer(await t.login(who)), 'content-type': 'application/x-ndjson' },
    payload: lines.map((l) => JSON.stringify(l)).join('\n'),
  });
  return res;
}

async function imported(kind: string, lines: object[]) {
  const res = await importLines(kind, lines);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().rejected).toEqual([]);
}

const licence = (p: Person) => ({
  idNumber: p.idNumber,
  name: p.name,
  licenceNo: p.idNumber,
  classes: ['C1'],
  firstIssuedOn: '2015-03-01',
  validUntil: '2031-03-01',
});
const vehicle = (plate: string, owner: { idNumber: string; name: string }, phone?: string) => {
  return {
    vin: vin('L'),
    plate,
    vehicleType: 'small-car',
    useNature: 'non-operating',
    seats: 5,
    owner: { ...owner, ...(phone ? { phone } : {}) },
    registeredOn: '2020-05-01',
    manufacturedOn: '2020-03-01',
    inspectionValidUntil: '2027-05-31',
  };
};
let violations = 0;
const handling = (
  driver: Person,
  owner: { idNumber: string },
  plate: string,
  extra: Record<string, unknown> = {},
) => {
  violations += 1;
  return {
    violationId: `AF${process.pid}V${violations}`,
    plate,
    ownerIdNumber: owner.idNumber,
    driverIdNumber: driver.idNumber,
    points: 3,
    handledAt: `2026-11-${String(2 + (violations % 20)).padStart(2, '0')}T23:40:00+08:00`,
    channel: 'internet',
    ...extra,
  };
};

async function run(from = '2026-11-01', to = '2026-11-30', status = 200) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/supervision/runs',
    headers: bearer(await t.login('sup.city')),
    payload: { from, to },
  });
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as { findings: number };
}

type Item = {
  id: string;
  kind: string;
  score: number;
  people: string[];
  plates: string[];
  phones: string[];
  devices: string[];
  staff: string[];
  evidence: { text: string; textEn: string; count?: number }[];
  countyCode: string;
};
async function findings(who = 'sup.city', query = '') {
  const res = await t.app.inject({
    url: `/api/v1/findings${query}`,
    headers: bearer(await t.login(who)),
  });
  return res;
}

beforeAll(async () => {
  t = await createTestApp();
  const office = await t.ctx.db
    .selectFrom('outlets')
    .select(['code', 'county_code'])
    .where('city_code', '=', '520300')
    .where('category', '=', 'county-office')
    .where('county_code', '=', '520322')
    .executeTakeFirstOrThrow();
  county = { office: office.code, code: office.county_code };

  ring.drivers = [person(), person(), person()];
  ring.owners = Array.from({ length: 9 }, () => person());
  ring.plates = ring.owners.map(() => zunyiPlate());
  family.people = [person('王'), person('李'), person('王')];
  family.plates = family.people.map(() => zunyiPlate());
  fleet.drivers = Array.from({ length: 4 }, () => person());
  fleet.plates = Array.from({ length: 8 }, () => zunyiPlate());
  agent.identities = [person(), person(), person()];
  agent.applicants = Array.from({ length: 9 }, () => person());

  await imported(
    'licences',
    [...ring.drivers, ...family.people, ...fleet.drivers, ...ring.owners].map(licence),
  );
  const ownPlates = ring.drivers.map(() => zunyiPlate());
  later.strangerPlate = zunyiPlate();
  later.ownPlate = ownPlates[0]!;
  await imported('vehicles', [
    vehicle(later.strangerPlate, person()),
    ...ring.plates.map((p, i) => vehicle(p, ring.owners[i]!)),
    ...ownPlates.map((p, i) => vehicle(p, ring.drivers[i]!)),
    ...family.plates.map((p, i) => vehicle(p, family.people[i]!, '13911112222')),
    ...fleet.plates.map((p) => vehicle(p, { idNumber: fleet.company, name: '遵义运输有限公司' })),
  ]);

  later.strangerViolation = `AF${process.pid}LATER1`;
  later.ownViolation = `AF${process.pid}LATER2`;
  await imported(
    'violations',
    [
      [later.strangerViolation, later.strangerPlate],
      [later.ownViolation, later.ownPlate],
    ].map(([id, plate]) => ({
      id,
      plate,
      code: '1625',
      occurredAt: '2026-11-20T08:15:00+08:00',
      points: 6,
      fine: 200,
    })),
  );
  await imported('violation-handlings', [
    // The ring: each driver takes points for three vehicles of unrelated owners through the
    // broker's phone and device, late at night, and handles their own car too.
    ...ring.drivers.flatMap((d, i) => [
      ...[0, 1, 2].map((j) =>
        handling(d, ring.owners[i * 3 + j]!, ring.plates[i * 3 + j]!, {
          phone: '13900000001',
          deviceId: 'BROKER-DEVICE-1',
        }),
      ),
      handling(d, d, ownPlates[i]!, {
        phone: `1370000000${i}`,
        channel: 'window',
        outletCode: county.office,
        staffId: 'S-OWN',
      }),
    ]),
    // The family shares a phone and each other's points.
    ...family.people.flatMap((p, i) => [
      handling(p, p, family.plates[i]!, { phone: '13911112222' }),
      handling(p, family.people[(i + 1) % 3]!, family.plates[(i + 1) % 3]!, {
        phone: '13911112222',
      }),
    ]),
    // The fleet's drivers handle the company's vehicles from its office phone.
    ...fleet.plates.map((p, i) =>
      handling(fleet.drivers[i % 4]!, { idNumber: fleet.company }, p, { phone: '08512345678' }),
    ),
  ]);

  // An agent rotating three identities with one phone, at the county office's window.
  await imported(
    'applications-history',
    agent.applicants.map((a, i) => ({
      id: `AF${process.pid}A${i}`,
      businessType: 'vehicle.licence-reissue',
      outletCode: county.office,
      staffId: 'S-COUNTY-1',
      channel: 'window',
      applicant: a,
      agent: { ...agent.identities[i % 3]!, phone: '13812340000' },
      submittedAt: `2026-11-${String(3 + i).padStart(2, '0')}T10:00:00+08:00`,
      status: 'completed',
    })),
  );
});

afterAll(async () => {
  await t.close();
});

describe('POST /imports/violation-handlings', () => {
  it('takes a company owner by its credit code and rejects a wrong check character', async () => {
    const good = handling(ring.drivers[0]!, { idNumber: orgCode() }, zunyiPlate());
    // Any check character but the right one (a fixed '0' is right for one code in 31).
    const code = orgCode();
    const bad = {
      ...good,
      violationId: `${good.violationId}B`,
      ownerIdNumber: `${code.slice(0, 17)}${code.endsWith('0') ? '1' : '0'}`,
    };
    const res = await importLines('violation-handlings', [good, bad, good]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.imported).toBe(1);
    expect(body.rejected.map((r: { line: number }) => r.line)).toEqual([2, 3]);
    expect(body.rejected[0].error).toContain('ownerIdNumber');
  });

  it('takes only the point values a record can carry (R163 §§8–12)', async () => {
    const line = (points: number, i: number) => ({
      ...handling(ring.drivers[0]!, { idNumber: orgCode() }, zunyiPlate()),
      violationId: `PTS${Date.now()}${i}`,
      points,
    });
    const res = await importLines('violation-handlings', [line(7, 1), line(13, 2), line(6, 3)]);
    expect(res.json().imported).toBe(1);
    expect(res.json().rejected.map((r: { line: number }) => r.line)).toEqual([1, 2]);
    expect(res.json().rejected[0].error).toContain('记分分值应为');
  });

  it('is for administrators only', async () => {
    for (const who of ['sup.city', 'clerk.city']) {
      expect((await importLines('violation-handlings', [], who)).statusCode).toBe(403);
    }
  });
});

describe('GET /findings after a supervision run', () => {
  let first: { findings: number };
  beforeAll(async () => {
    first = await run();
  });

  it('shows the planted ring with all its members, and neither the family nor the fleet', async () => {
    const res = await findings('sup.city', '?kind=point-trading');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Item[];
    const found = items.find((f) => ring.drivers.every((d) => f.people.includes(d.idNumber)));
    expect(found).toBeDefined();
    expect(found!.plates).toEqual(expect.arrayContaining(ring.plates));
    expect(found!.phones).toContain('13900000001');
    expect(found!.devices).toContain('BROKER-DEVICE-1');
    expect(found!.evidence[0]!.text).toContain('3 名驾驶人为 9 名无关车主');
    expect(found!.evidence[0]!.textEn).toContain('3 drivers');
    const everyone = items.flatMap((f) => f.people);
    for (const p of [...family.people, ...fleet.drivers])
      expect(everyone).not.toContain(p.idNumber);
    expect(everyone).not.toContain(fleet.company);
  });

  it('shows the agent rotating identities as one illegal agent', async () => {
    const items = (await findings('sup.city', '?kind=illegal-agent')).json().items as Item[];
    expect(items).toHaveLength(1);
    expect(items[0]!.people).toEqual(
      expect.arrayContaining(agent.identities.map((p) => p.idNumber)),
    );
    expect(items[0]!.phones).toEqual(['13812340000']);
  });

  it('lists every kind, highest score first', async () => {
    const items = (await findings()).json().items as Item[];
    expect(items.length).toBe(first.findings);
    const scores = items.map((f) => f.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('adds no finding when the same period runs again', async () => {
    const before = (await findings()).json().items as Item[];
    const again = await run();
    expect(again.findings).toBe(first.findings);
    const after = (await findings()).json().items as Item[];
    expect(after.map((f) => f.id).sort()).toEqual(before.map((f) => f.id).sort());
  });

  it('leaves the findings as they were when the run fails after its detectors', async () => {
    const state = async () => ({
      findings: await t.ctx.db
        .selectFrom('fraud_findings')
        .select(['id', 'run_id', 'updated_at', 'superseded_by'])
        .orderBy('id')
        .execute(),
      entries: await t.ctx.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('action', '=', 'antifraud.detect')
        .executeTakeFirstOrThrow(),
    });
    const before = await state();
    // The run's record cannot be written: the run fails after its detectors found the ring again.
    await sql`
      CREATE FUNCTION refuse_runs() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'runs refused'; END $$;
      CREATE TRIGGER refuse_runs BEFORE INSERT ON supervision_runs
        FOR EACH ROW EXECUTE FUNCTION refuse_runs()`.execute(t.ctx.db);
    try {
      await run('2026-11-01', '2026-11-30', 500);
    } finally {
      await sql`DROP TRIGGER refuse_runs ON supervision_runs; DROP FUNCTION refuse_runs()`.execute(
        t.ctx.db,
      );
    }
    expect(await state()).toEqual(before);
  });

  it('reads a period it took in again without looking up or writing its parties again', async () => {
    // At city size the registry look-ups and upserts of every page were most of a run.
    const statements: string[] = [];
    const pool = new pg.Pool({ connectionString: t.databaseUrl, max: 2 });
    const logged = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      log: (e) => {
        statements.push(e.query.sql);
      },
    });
    try {
      const w = {
        cityCode: '520300',
        since: new Date('2026-11-01T00:00:00+08:00'),
        until: new Date('2026-12-01T00:00:00+08:00'),
      };
      const legacy = await refreshGraph(logged, w, new Date());
      const platform = await refreshPlatform(logged, w, new Date());
      expect(legacy.handlings + legacy.applications).toBeGreaterThan(0);
      expect(legacy.added + platform.added).toBe(0);
      const touched = statements.filter((q) =>
        /^(insert into "fraud_|select .* from "(licences|vehicles)")/i.test(q),
      );
      expect(touched).toEqual([]);
    } finally {
      await logged.destroy();
    }
  });

  it('shows a brigade its county only, with identity numbers masked', async () => {
    const items = (await findings('sup.county')).json().items as Item[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((f) => f.countyCode === county.code)).toBe(true);
    expect(items.flatMap((f) => f.people).every((p) => p.includes('********'))).toBe(true);
  });

  it('refuses administrators and clerks, and a kind it does not know', async () => {
    expect((await findings('admin')).statusCode).toBe(403);
    expect((await findings('clerk.city')).statusCode).toBe(403);
    expect((await findings('sup.city', '?kind=other')).statusCode).toBe(400);
  });
});

describe('cases and measures', () => {
  let caseId: string;
  let ringFinding: string;
  const driver = () => ring.drivers[0]!;

  async function call(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    who: string,
    payload?: object,
  ) {
    return await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: bearer(await t.login(who)),
      ...(payload ? { payload } : {}),
    });
  }

  beforeAll(async () => {
    const items = (await findings('sup.city', '?kind=point-trading')).json().items as Item[];
    ringFinding = items.find((f) => f.people.includes(driver().idNumber))!.id;
  });

  it('opens a case from a finding of the detachment’s city, not of a brigade’s other county', async () => {
    const body = { title: '买分卖分团伙案', findingIds: [ringFinding] };
    expect((await call('POST', '/cases', 'sup.county', body)).statusCode).toBe(404);
    expect((await call('POST', '/cases', 'clerk.city', body)).statusCode).toBe(403);
    expect((await call('POST', '/cases', 'admin', body)).statusCode).toBe(403);
    const res = await call('POST', '/cases', 'sup.city', body);
    expect(res.statusCode, res.body).toBe(201);
    caseId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'open', findingIds: [ringFinding] });
    expect(res.json().findings[0].people).toContain(driver().idNumber);
    // A finding belongs to one case.
    expect((await call('POST', '/cases', 'sup.city', body)).statusCode).toBe(409);
    const listed = (await call('GET', '/findings?kind=point-trading', 'sup.city')).json().items;
    expect(listed.find((f: { id: string }) => f.id === ringFinding).caseId).toBe(caseId);
  });

  it('records investigation steps and follows the lifecycle', async () => {
    const step = await call('POST', `/cases/${caseId}/steps`, 'sup.city', {
      kind: 'interview',
      note: '约谈驾驶人，承认受中介指使代为记分',
    });
    expect(step.statusCode, step.body).toBe(201);
    const moved = await call('PATCH', `/cases/${caseId}`, 'sup.city', { status: 'investigating' });
    expect(moved.statusCode).toBe(200);
    // A state is not entered twice; the outcome is optional (CONTRACT.md `"outcome"?`).
    expect(
      (await call('PATCH', `/cases/${caseId}`, 'sup.city', { status: 'investigating' })).statusCode,
    ).toBe(409);
    const transferred = await call('PATCH', `/cases/${caseId}`, 'sup.city', {
      status: 'transferred',
    });
    expect(transferred.statusCode, transferred.body).toBe(200);
    expect(transferred.json()).toMatchObject({ status: 'transferred', outcome: null });
    expect((await call('GET', `/cases/${caseId}`, 'sup.county')).statusCode).toBe(404);
    expect((await call('GET', '/cases', 'clerk.city')).statusCode).toBe(403);
    const list = (await call('GET', '/cases', 'sup.city')).json().items;
    expect(list.map((c: { id: string }) => c.id)).toContain(caseId);
  });

  it('holds a ring member through the pipeline; their next substitute handling is refused', async () => {
    const measure = {
      kind: 'substitute-hold',
      idNumber: driver().idNumber,
      name: driver().name,
      note: '买分卖分嫌疑',
    };
    expect(
      (await call('POST', `/cases/${caseId}/measures`, 'sup.county', measure)).statusCode,
    ).toBe(403);
    // A brigade sees members masked and may not take measures: the number it can copy from its
    // case view (or any body) gets the same 403, not a 400 about the number.
    for (const body of [{ ...measure, idNumber: maskIdNumber(measure.idNumber) }, {}]) {
      const res = await call('POST', `/cases/${caseId}/measures`, 'sup.county', body);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    const outsider = { ...measure, ...person() };
    expect((await call('POST', `/cases/${caseId}/measures`, 'sup.city', outsider)).statusCode).toBe(
      422,
    );
    const res = await call('POST', `/cases/${caseId}/measures`, 'sup.city', measure);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      businessType: 'violation.substitute-hold',
      status: 'completed',
    });
    // Its instant in Beijing time, as every instant of the API.
    expect(res.json().result.since).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+08:00$/);
    // A clerk may not take a measure through the applications endpoint.
    const direct = await call('POST', '/applications', 'clerk.city', {
      businessType: 'violation.substitute-hold',
      applicant: { idNumber: driver().idNumber, name: driver().name },
      data: { caseId, reason: '越权' },
    });
    expect(direct.statusCode).toBe(403);
    const again = await call('POST', `/cases/${caseId}/measures`, 'sup.city', measure);
    expect(again.statusCode).toBe(422);
    expect(again.json().refusal.items.map((i: { code: string }) => i.code)).toEqual([
      'ALREADY_HELD',
    ]);

    const handle = (violationId: string) =>
      call('POST', '/applications', 'clerk.city', {
        businessType: 'violation.handle',
        applicant: { idNumber: driver().idNumber, name: driver().name },
        data: { violationId },
      });
    const refused = await handle(later.strangerViolation);
    expect(refused.statusCode, refused.body).toBe(422);
    const items = refused.json().refusal.items as {
      code: string;
      legalBasis: string;
      remedy: string;
    }[];
    expect(items.map((i) => i.code)).toEqual(['SUBSTITUTE_HELD']);
    expect(items[0]!.legalBasis).toBe('道路交通安全违法行为记分管理办法 第三十条');
    expect(items[0]!.remedy).toContain('本人');
    // The driver's own vehicle stays theirs to handle.
    expect((await handle(later.ownViolation)).statusCode).toBe(201);

    const file = (await call('GET', `/cases/${caseId}`, 'sup.city')).json();
    // Both attempts are on file: the hold, and the second measure the pipeline refused.
    expect(file.measures).toMatchObject([
      { kind: 'substitute-hold', idNumber: driver().idNumber, status: 'completed' },
      { kind: 'substitute-hold', idNumber: driver().idNumber, status: 'refused' },
    ]);
    expect(file.steps.map((s: { kind: string }) => s.kind)).toEqual([
      'status',
      'interview',
      'status',
      'status',
      'measure',
      'measure',
    ]);
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', caseId)
      .execute();
    expect(audited).toHaveLength(file.steps.length);
  });

  it('lifts the hold through its case: the driver takes points for others again', async () => {
    const measure = {
      kind: 'substitute-hold',
      idNumber: driver().idNumber,
      name: driver().name,
      note: '买分卖分嫌疑',
    };
    const held = (await call('GET', `/cases/${caseId}`, 'sup.city')).json().measures[0]
      .applicationId as string;
    const lift = (who: string) =>
      call('POST', `/cases/${caseId}/measures/${held}/lift`, who, { note: '查明系本人亲属车辆' });
    expect((await lift('sup.county')).statusCode).toBe(403);
    const blank = await call('POST', `/cases/${caseId}/measures/${held}/lift`, 'sup.county', {});
    expect(blank.statusCode, blank.body).toBe(403);
    const res = await lift('sup.city');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().measures[0]).toMatchObject({
      kind: 'substitute-hold',
      applicationId: held,
      liftedAt: expect.any(String),
    });
    expect((await lift('sup.city')).statusCode).toBe(409);
    const handled = await call('POST', '/applications', 'clerk.city', {
      businessType: 'violation.handle',
      applicant: { idNumber: driver().idNumber, name: driver().name },
      data: { violationId: later.strangerViolation },
    });
    expect(handled.statusCode, handled.body).toBe(201);
    // A lifted hold leaves room for a new one.
    const again = await call('POST', `/cases/${caseId}/measures`, 'sup.city', measure);
    expect(again.json()).toMatchObject({ status: 'completed' });
  });

  it('closes with an outcome, ends its standing hold and takes nothing more', async () => {
    const res = await call('PATCH', `/cases/${caseId}`, 'sup.city', {
      status: 'closed',
      outcome: '已处罚',
    });
    expect(res.json()).toMatchObject({ status: 'closed', outcome: '已处罚' });
    const holds = (res.json().measures as { status: string; liftedAt?: string }[]).filter(
      (m) => m.status === 'completed',
    );
    expect(holds).toHaveLength(2);
    expect(holds.every((m) => m.liftedAt)).toBe(true);
    expect(res.json().steps.at(-1)).toMatchObject({ kind: 'measure-lift' });
    const lifted = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'substitute-hold.lifted')
      .execute();
    expect(lifted).toHaveLength(2);
    const step = await call('POST', `/cases/${caseId}/steps`, 'sup.city', {
      kind: 'note',
      note: '补充',
    });
    expect(step.statusCode).toBe(409);
  });
});

describe('the case writes limited by role', () => {
  it('refuse clerks and administrators (403) before looking at the body', async () => {
    const url = `/api/v1/cases/${'0190a000-0000-7000-8000-000000000000'}`;
    const wrong: string[] = [];
    for (const who of ['clerk.city', 'admin']) {
      for (const [method, path] of [
        ['PATCH', url],
        ['POST', `${url}/steps`],
      ] as const) {
        const res = await t.app.inject({
          method,
          url: path,
          headers: bearer(await t.login(who)),
          payload: { nonsense: true },
        });
        if (res.statusCode !== 403) wrong.push(`${method} ${path} as ${who} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('GET /findings/{id}', () => {
  async function one(id: string, who = 'sup.city') {
    return await t.app.inject({
      url: `/api/v1/findings/${id}`,
      headers: bearer(await t.login(who)),
    });
  }

  it('answers one finding as the list does, and 404 outside the reader’s scope', async () => {
    const all = (await findings()).json().items as Item[];
    const agentFinding = all.find((f) => f.kind === 'illegal-agent')!;
    const res = await one(agentFinding.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(agentFinding);
    // The brigade of the agent's county reads it masked, like its list.
    const brigade = await one(agentFinding.id, 'sup.county');
    expect(brigade.statusCode).toBe(200);
    expect(brigade.json()).toEqual(
      ((await findings('sup.county')).json().items as Item[]).find((f) => f.id === agentFinding.id),
    );
    expect((brigade.json() as Item).people.every((p) => p.includes('********'))).toBe(true);
    // The ring was found in another county: not the brigade's (as for POST /cases).
    const ringFinding = all.find((f) => f.kind === 'point-trading')!;
    expect(ringFinding.countyCode).not.toBe(agentFinding.countyCode);
    expect((await one(ringFinding.id, 'sup.county')).statusCode).toBe(404);
    expect((await one('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await one('not-an-id')).statusCode).toBe(404);
    expect((await one(agentFinding.id, 'clerk.city')).statusCode).toBe(403);
    expect((await one(agentFinding.id, 'admin')).statusCode).toBe(403);
  });
});

describe('a review flag on an agent (代办人审核标记)', () => {
  let caseId: string;
  let flagApplication: string;
  const flagged = () => agent.identities[0]!;

  async function call(method: 'GET' | 'POST', url: string, who: string, payload?: object) {
    return await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: bearer(await t.login(who)),
      ...(payload ? { payload } : {}),
    });
  }
  /** A licence reissue a clerk takes in for a customer, with `by` as the agent. */
  const reissue = (by: Person, businessType = 'vehicle.licence-reissue') =>
    call('POST', '/applications', 'clerk.city', {
      businessType,
      applicant: person(),
      agent: by,
      data:
        businessType === 'licence.renew'
          ? { medicalCertificateNo: 'MC1' }
          : { plate: zunyiPlate() },
    });
  const codes = (res: { json(): { refusal?: { items: { code: string }[] } | null } }) =>
    (res.json().refusal?.items ?? []).map((i) => i.code);

  beforeAll(async () => {
    const found = ((await findings('sup.city', '?kind=illegal-agent')).json().items as Item[])[0]!;
    const res = await call('POST', '/cases', 'sup.city', {
      title: '非法代办案',
      findingIds: [found.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    caseId = res.json().id;
  });

  it('flags the agent through the pipeline, for the detachment only and until a day', async () => {
    const measure = {
      kind: 'agent-review-flag',
      idNumber: flagged().idNumber,
      name: flagged().name,
      until: '2027-02-28',
      note: '轮换身份代办补证',
    };
    expect(
      (await call('POST', `/cases/${caseId}/measures`, 'sup.county', measure)).statusCode,
    ).toBe(403);
    expect(
      (await call('POST', `/cases/${caseId}/measures`, 'clerk.city', measure)).statusCode,
    ).toBe(403);
    const { until: _, ...noDay } = measure;
    expect((await call('POST', `/cases/${caseId}/measures`, 'sup.city', noDay)).statusCode).toBe(
      400,
    );
    const past = await call('POST', `/cases/${caseId}/measures`, 'sup.city', {
      ...measure,
      until: '2026-11-01',
    });
    expect(past.statusCode).toBe(422);
    expect(codes(past)).toEqual(['FLAG_PERIOD_ENDED']);
    const res = await call('POST', `/cases/${caseId}/measures`, 'sup.city', measure);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      businessType: 'agent.review-flag',
      status: 'completed',
      result: { idNumber: flagged().idNumber, caseId, from: '2026-11-26', until: '2027-02-28' },
    });
    flagApplication = res.json().id;
    const again = await call('POST', `/cases/${caseId}/measures`, 'sup.city', measure);
    expect(codes(again)).toEqual(['ALREADY_FLAGGED']);
    // A clerk may not flag anyone through the applications endpoint.
    const direct = await call('POST', '/applications', 'clerk.city', {
      businessType: 'agent.review-flag',
      applicant: flagged(),
      data: { caseId, reason: '越权', until: '2027-02-28' },
    });
    expect(direct.statusCode).toBe(403);
  });

  it('refuses the next application naming the flagged agent, citing the agency article', async () => {
    const refused = await reissue(flagged());
    expect(refused.statusCode, refused.body).toBe(422);
    const items = refused.json().refusal.items as {
      code: string;
      legalBasis: string;
      remedy: string;
      messageEn: string;
    }[];
    // Listed first, with the business's own failing rules (the plate here is no one's).
    expect(items.map((i) => i.code)).toEqual(['AGENT_UNDER_REVIEW', 'VEHICLE_NOT_FOUND']);
    expect(items[0]!.legalBasis).toBe('机动车登记规定 第八十六条');
    expect(items[0]!.remedy).toContain('本人');
    expect(items[0]!.messageEn).toContain('2027-02-28');
    // Licence business cites the licence regulation's agency article.
    const renew = await reissue(flagged(), 'licence.renew');
    expect(renew.json().refusal.items[0]).toMatchObject({
      code: 'AGENT_UNDER_REVIEW',
      legalBasis: '机动车驾驶证申领和使用规定 第一百零五条',
    });
    // Another agent, and the flagged person applying for themself, are not touched by it.
    expect(codes(await reissue(agent.identities[1]!))).not.toContain('AGENT_UNDER_REVIEW');
    const own = await call('POST', '/applications', 'clerk.city', {
      businessType: 'vehicle.licence-reissue',
      applicant: flagged(),
      data: { plate: zunyiPlate() },
    });
    expect(codes(own)).not.toContain('AGENT_UNDER_REVIEW');
  });

  it('shows in the case file, and is lifted by the detachment with every step audited', async () => {
    const lift = (who: string, id = flagApplication) =>
      call('POST', `/cases/${caseId}/measures/${id}/lift`, who, { note: '经核实委托关系真实' });
    expect((await lift('sup.county')).statusCode).toBe(403);
    expect((await lift('clerk.city')).statusCode).toBe(403);
    expect((await lift('sup.city', '00000000-0000-4000-8000-000000000001')).statusCode).toBe(404);
    const res = await lift('sup.city');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().measures).toMatchObject([
      { kind: 'agent-review-flag', status: 'refused', until: '2026-11-01' },
      {
        kind: 'agent-review-flag',
        idNumber: flagged().idNumber,
        applicationId: flagApplication,
        status: 'completed',
        until: '2027-02-28',
        liftedAt: expect.any(String),
      },
      { kind: 'agent-review-flag', status: 'refused' },
    ]);
    expect((await lift('sup.city')).statusCode).toBe(409);
    // Once lifted, the agent acts for others again.
    expect(codes(await reissue(flagged()))).not.toContain('AGENT_UNDER_REVIEW');
    const brigade = (await call('GET', `/cases/${caseId}`, 'sup.city')).json();
    expect(brigade.steps.map((s: { kind: string }) => s.kind)).toEqual([
      'status',
      'measure',
      'measure',
      'measure',
      'measure-lift',
    ]);
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', 'in', [caseId, flagApplication])
      .execute();
    expect(audited.map((a) => a.action).sort()).toEqual(
      [
        'agent-review-flag.lifted',
        'antifraud.case.measure',
        'antifraud.case.measure',
        'antifraud.case.measure',
        'antifraud.case.measure-lift',
        'antifraud.case.status',
        'application.completed',
      ].sort(),
    );
  });
});

describe('the platform’s own business in the evidence graph', () => {
  /** Strangers of surnames no owner has, taking points through one broker phone at a window. */
  const drivers = ['欧阳', '司马', '诸葛'].map((s) => person(s));
  const owners = ['上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒'].map((s) =>
    person(s),
  );
  const plates = owners.map(() => zunyiPlate());
  const BROKER_PHONE = '13955550000';
  const ids = plates.map((_, i) => `AF${process.pid}P${i}`);
  /** A relative reissuing an owner's vehicle licence for them, at a window of the platform. */
  const representative = person();

  const platformEvents = async (source: string) =>
    await t.ctx.db
      .selectFrom('fraud_events')
      .select(['source_id', 'actor_id', 'subject_id', 'phone', 'staff_id'])
      .where('source', '=', source as 'platform-handling')
      .execute();

  beforeAll(async () => {
    await imported('licences', drivers.map(licence));
    await imported(
      'vehicles',
      plates.map((p, i) => vehicle(p, owners[i]!)),
    );
    await imported(
      'violations',
      plates.map((plate, i) => ({
        id: ids[i],
        plate,
        code: '1357',
        occurredAt: '2026-11-10T08:15:00+08:00',
        points: 3,
        fine: 200,
      })),
    );
    for (const [i, d] of drivers.entries()) {
      for (const j of [0, 1, 2]) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/applications',
          headers: bearer(await t.login('clerk.city')),
          payload: {
            businessType: 'violation.handle',
            applicant: { ...d, phone: BROKER_PHONE },
            data: { violationId: ids[i * 3 + j] },
          },
        });
        expect(res.statusCode, res.body).toBe(201);
      }
    }
    const reissue = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: bearer(await t.login('clerk.city')),
      payload: {
        businessType: 'vehicle.licence-reissue',
        applicant: owners[0],
        agent: { ...representative, phone: '13966660000' },
        data: { plate: plates[0] },
      },
    });
    expect(reissue.statusCode, reissue.body).toBe(201);
  });

  it('finds a ring built only through POST /applications in the next supervision run', async () => {
    await run('2026-11-26', '2026-11-26');
    const items = (await findings('sup.city', '?kind=point-trading')).json().items as Item[];
    const found = items.find((f) => drivers.every((d) => f.people.includes(d.idNumber)));
    expect(found).toBeDefined();
    expect(found!.plates).toEqual(expect.arrayContaining(plates));
    expect(found!.phones).toContain(BROKER_PHONE);
    expect(found!.staff.every((s) => s.startsWith('user:'))).toBe(true);
    const events = await platformEvents('platform-handling');
    expect(events.filter((e) => ids.includes(e.source_id))).toHaveLength(9);
    const own = events.find((e) => e.source_id === ids[0]);
    expect(own).toMatchObject({
      actor_id: drivers[0]!.idNumber,
      subject_id: owners[0]!.idNumber,
      phone: BROKER_PHONE,
    });
  });

  it('reads applications made by agents on the platform, and nothing twice when a period runs again', async () => {
    const agency = await platformEvents('platform-application');
    expect(agency.find((e) => e.actor_id === representative.idNumber)).toMatchObject({
      subject_id: owners[0]!.idNumber,
      phone: '13966660000',
      staff_id: expect.stringMatching(/^user:/),
    });
    const before = (await platformEvents('platform-handling')).length;
    await run('2026-11-26', '2026-11-26');
    expect((await platformEvents('platform-handling')).length).toBe(before);
    expect((await platformEvents('platform-application')).length).toBe(agency.length);
  });
});

describe('a ring seen again with another member', () => {
  it('stands once in the list: the new finding supersedes the earlier one, which stays readable', async () => {
    const pointTrading = async () =>
      (await findings('sup.city', '?kind=point-trading')).json().items as (Item & {
        supersededBy: string | null;
      })[];
    const ofRing = <T extends Item>(items: T[]) =>
      items.filter((f) => ring.drivers.some((d) => f.people.includes(d.idNumber)));
    const [earlier] = ofRing(await pointTrading());
    expect(earlier).toBeDefined();

    // A fourth driver takes the points of three more strangers' cars through the broker.
    const recruit = person();
    const owners = [person(), person(), person()];
    const plates = owners.map(() => zunyiPlate());
    await imported('licences', [recruit, ...owners].map(licence));
    await imported(
      'vehicles',
      plates.map((p, i) => vehicle(p, owners[i]!)),
    );
    await imported(
      'violation-handlings',
      plates.map((p, i) =>
        handling(recruit, owners[i]!, p, {
          phone: '13900000001',
          deviceId: 'BROKER-DEVICE-1',
          handledAt: `2026-11-2${i}T23:50:00+08:00`,
        }),
      ),
    );
    await run();

    const standing = ofRing(await pointTrading());
    expect(standing).toHaveLength(1);
    const [now] = standing;
    expect(now!.id).not.toBe(earlier!.id);
    expect(now!.people).toEqual(
      expect.arrayContaining([...ring.drivers, recruit].map((d) => d.idNumber)),
    );
    const old = await t.app.inject({
      url: `/api/v1/findings/${earlier!.id}`,
      headers: bearer(await t.login('sup.city')),
    });
    expect(old.statusCode).toBe(200);
    expect(old.json().supersededBy).toBe(now!.id);
    expect(now!.supersededBy).toBeNull();
  });
});

describe('a finding a later run over its period no longer finds', () => {
  it('is withdrawn from the list, stays readable by id, and stands again when found again', async () => {
    const agents = async () =>
      ((await findings('sup.city', '?kind=illegal-agent')).json().items as Item[]).map((f) => f.id);
    const [standing] = await agents();
    expect(standing).toBeDefined();
    const others = ((await findings()).json().items as Item[])
      .filter((f) => f.kind !== 'illegal-agent')
      .map((f) => f.id)
      .sort();
    // The detachment raises the illegal agents' threshold for the period: the agent no longer counts.
    const raised = {
      key: 'antifraud.illegal-agent.min-score',
      value: JSON.stringify(100),
      effective_from: '2026-11-01',
      legal_basis: '测试',
      note: '测试：提高非法代办评分门槛',
      created_by: 'test',
      city_code: '520300',
    };
    await t.ctx.db.insertInto('policy_values').values(raised).execute();
    await run();
    expect(await agents()).toEqual([]);
    // The other kinds stand as they were.
    expect(
      ((await findings()).json().items as Item[])
        .filter((f) => f.kind !== 'illegal-agent')
        .map((f) => f.id)
        .sort(),
    ).toEqual(others);
    const one = await t.app.inject({
      url: `/api/v1/findings/${standing}`,
      headers: bearer(await t.login('sup.city')),
    });
    expect(one.statusCode).toBe(200);
    expect(one.json().withdrawnAt).not.toBeNull();
    const entries = await t.ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'antifraud.detect')
      .execute();
    const withdrawals = entries.map((e) => (e.details as { withdrawn?: string[] }).withdrawn ?? []);
    expect(withdrawals.filter((w) => w.length)).toEqual([[standing]]);

    // Back to the threshold it had: the same finding stands again.
    await t.ctx.db
      .deleteFrom('policy_values')
      .where('key', '=', raised.key)
      .where('effective_from', '=', raised.effective_from)
      .where('city_code', '=', raised.city_code)
      .execute();
    await run();
    expect(await agents()).toEqual([standing]);
    const again = await t.app.inject({
      url: `/api/v1/findings/${standing}`,
      headers: bearer(await t.login('sup.city')),
    });
    expect(again.json().withdrawnAt).toBeNull();
  });
});
