import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { idNumber, orgCode } from '../../../test/support/factories.ts';

/**
 * 非法代办 by an agent who never declares himself: the legacy history's business without an
 * agent, many unrelated applicants giving one phone or one own online device, is an illegal-agent
 * finding; families, a company's fleet, the agency outlets' business, a driving school's trainees
 * and a phone too few applicants give are not.
 */
let t: TestApp;
let police: string;
let dealer: string;

const SURNAMES = '赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
let lines = 0;
function line(applicant: { idNumber: string; name: string; phone?: string }, extra: object = {}) {
  lines += 1;
  return {
    id: `UNDECL-${lines}`,
    businessType: 'licence.renew',
    outletCode: police,
    staffId: 'NET',
    channel: 'internet',
    applicant,
    submittedAt: `2026-09-${String(1 + (lines % 28)).padStart(2, '0')}T10:00:00+08:00`,
    status: 'completed',
    ...extra,
  };
}
/** `k` unrelated people (each a different surname and birth place). */
const strangers = (k: number, phone?: string) =>
  Array.from({ length: k }, (_, i) => ({
    idNumber: idNumber(['520302', '520303', '520321', '520322'][i % 4], '19700101'),
    name: `${SURNAMES[(i + lines) % SURNAMES.length]}${i}`,
    ...(phone ? { phone } : {}),
  }));

let findings: {
  people: string[];
  phones: string[];
  devices: string[];
  evidence: { text: string; textEn?: string }[];
}[];
const withContact = (c: string) =>
  findings.filter((f) => f.phones.includes(c) || f.devices.includes(c));

const broker = strangers(12, '13900000005');
const deviceOnly = strangers(8).map((p, i) => ({
  ...p,
  phone: `1380000${String(i).padStart(4, '0')}`,
}));
const declaredAgent = {
  idNumber: idNumber('520302', '19800101'),
  name: '欧阳某',
  phone: '13900000099',
};
const declaredCustomers = strangers(3);
const undeclaredCustomers = strangers(6, '13900000099');

beforeAll(async () => {
  t = await createTestApp();
  const outletOf = async (category: 'county-office' | 'dealer') =>
    (
      await t.ctx.db
        .selectFrom('outlets')
        .select('code')
        .where('city_code', '=', '520300')
        .where('category', '=', category)
        .orderBy('code')
        .executeTakeFirstOrThrow()
    ).code;
  police = await outletOf('county-office');
  dealer = await outletOf('dealer');
  const company = orgCode();
  const rows = [
    // The broker of the report: one phone and one own device for 12 strangers.
    ...broker.map((a) => line(a, { deviceId: 'DEV-UNDECL-1' })),
    // Online from one device, each applicant giving his own phone.
    ...deviceOnly.map((a) => line(a, { deviceId: 'DEV-ONLY-2' })),
    // A window terminal: every customer of the window uses it.
    ...strangers(10).map((a) =>
      line(a, { channel: 'window', staffId: 'W1', deviceId: 'WIN-TERM-1' }),
    ),
    // Two households (4 赵, 4 钱: a couple and their parents) sharing a home phone.
    ...['赵', '赵', '赵', '赵', '钱', '钱', '钱', '钱'].map((s, i) =>
      line({ idNumber: idNumber(), name: `${s}家${i}`, phone: '13900000011' }),
    ),
    // A company's fleet: its vehicles' inspection marks with the company's phone.
    ...Array.from({ length: 15 }, () =>
      line(
        { idNumber: company, name: '遵义某运输有限公司', phone: '13900000022' },
        { businessType: 'vehicle.inspection-mark' },
      ),
    ),
    // A dealer registering the cars it sells with its own phone.
    ...strangers(10, '13900000033').map((a) =>
      line(a, {
        outletCode: dealer,
        channel: 'window',
        staffId: 'D1',
        businessType: 'vehicle.register',
      }),
    ),
    // A driving school's trainees: licence applications and exam bookings with the school's phone.
    ...strangers(10, '13900000044').map((a, i) =>
      line(a, { businessType: i % 2 ? 'licence.apply' : 'exam.book' }),
    ),
    // A phone fewer applicants give than the threshold (6).
    ...strangers(5, '13900000055').map((a) => line(a)),
    // A declared agent for 3 and, undeclared, for 6 more with the same phone: one agent.
    ...declaredCustomers.map((a) =>
      line(a, { channel: 'window', staffId: 'W2', agent: declaredAgent }),
    ),
    ...undeclaredCustomers.map((a) => line(a)),
  ];
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports/applications-history',
    headers: { ...bearer(await t.login('admin')), 'content-type': 'application/x-ndjson' },
    payload: rows.map((r) => JSON.stringify(r)).join('\n'),
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().rejected).toEqual([]);
  const run = await t.app.inject({
    method: 'POST',
    url: '/api/v1/supervision/runs',
    headers: bearer(await t.login('sup.city')),
    payload: { from: '2026-09-01', to: '2026-09-30' },
  });
  expect(run.statusCode, run.body).toBe(200);
  const list = await t.app.inject({
    url: '/api/v1/findings?kind=illegal-agent',
    headers: bearer(await t.login('sup.city')),
  });
  expect(list.statusCode, list.body).toBe(200);
  findings = list.json().items;
});

afterAll(async () => {
  await t.close();
});

describe('undeclared illegal agents (未登记的非法代办)', () => {
  it('finds one phone and device many strangers give, naming only the applicants served', () => {
    const [f, ...more] = withContact('13900000005');
    expect(more).toEqual([]);
    expect(f!.people).toEqual(broker.map((a) => a.idNumber).sort());
    expect(f!.phones).toEqual(['13900000005']);
    expect(f!.devices).toEqual(['DEV-UNDECL-1']);
    const texts = f!.evidence.map((e) => e.text).join('\n');
    expect(texts).toContain('同一手机号 139****0005 为 12 名无亲属关系的申请人办理业务 12 笔');
    expect(texts).toContain('同一网上办理设备 DEV-UNDECL-1 为 12 名无亲属关系的申请人办理业务');
    expect(f!.evidence.map((e) => e.textEn).join('\n')).toContain(
      'One phone 139****0005 was given for 12 unrelated applicants',
    );
  });

  it('finds one own online device many strangers use, listing the device and no private phone', () => {
    const [f, ...more] = withContact('DEV-ONLY-2');
    expect(more).toEqual([]);
    expect(f!.people).toEqual(deviceOnly.map((a) => a.idNumber).sort());
    expect(f!.devices).toEqual(['DEV-ONLY-2']);
    expect(f!.phones).toEqual([]);
  });

  it('merges undeclared business with the declared agent who gives the same phone', () => {
    const [f, ...more] = withContact('13900000099');
    expect(more).toEqual([]);
    expect(f!.people).toEqual(
      [declaredAgent.idNumber, ...declaredCustomers, ...undeclaredCustomers]
        .map((p) => (typeof p === 'string' ? p : p.idNumber))
        .sort(),
    );
  });

  it.each([
    ['a window terminal', 'WIN-TERM-1'],
    ['two households sharing a home phone', '13900000011'],
    ['a company’s fleet with the company’s phone', '13900000022'],
    ['a dealer’s own business', '13900000033'],
    ['a driving school’s trainees', '13900000044'],
    ['a phone fewer applicants give than the threshold', '13900000055'],
  ])('does not report %s', (_, contact) => {
    expect(withContact(contact)).toEqual([]);
  });
});
