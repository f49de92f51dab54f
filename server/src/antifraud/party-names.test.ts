import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { idNumber } from '../../../test/support/factories.ts';
import { withStatementsLogged } from '../../../test/support/logged-db.ts';
import { upsertParties } from './antifraud.repository.ts';
import { partyNamesOf } from './graph.service.ts';

/**
 * A window's party names, read by key look-ups or by a scan of the party nodes in block ranges:
 * both readings give the same names and phones, of the asked city only, and the scan is taken
 * when the window names a large share of all nodes.
 */
let t: TestApp;
const CITY = '520300';
const OTHER_CITY = '520100';
const at = new Date('2026-11-30T02:00:00Z');
const named: string[] = [];
const unnamed: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  for (let i = 0; i < 1200; i++) named.push(idNumber('520302', String(19700101 + (i % 28))));
  for (let i = 0; i < 40; i++) unnamed.push(idNumber('520303'));
  const node = (cityCode: string, id: string, name: string | null, phone: string | null) => ({
    city_code: cityCode,
    id_number: id,
    kind: 'person' as const,
    name,
    phone,
    has_licence: name !== null,
    refreshed_at: at,
  });
  await t.ctx.db.transaction().execute(async (tx) => {
    await upsertParties(tx, [
      ...named.map((id, i) =>
        node(CITY, id, `甲${i}`, i % 3 ? null : `139${String(i).padStart(8, '0')}`),
      ),
      ...unnamed.map((id) => node(CITY, id, null, null)),
      // The same people known to another city under other names: never this city's answer.
      ...named.slice(0, 300).map((id) => node(OTHER_CITY, id, '别市某', '13800000000')),
    ]);
  });
  await sql`ANALYZE fraud_parties`.execute(t.ctx.db);
});
afterAll(async () => t.close());

/** The names of some ids, with the statements the reading sent. */
async function namesOf(ids: string[], how?: { scanShare?: number; scanBlocks?: number }) {
  const { result, statements } = await withStatementsLogged(t.databaseUrl, (db) =>
    partyNamesOf(db, CITY, ids, how),
  );
  return { ...result, statements };
}
const scans = (statements: string[]) => statements.filter((q) => q.includes('ctid')).length;

describe('the parties’ names of a window', () => {
  const asked = () => [
    ...named.slice(0, 1000),
    ...unnamed.slice(0, 20),
    idNumber('520304'), // no node at all
  ];

  it('reads the same names and phones by a scan as by look-ups, of the asked city only', async () => {
    const looked = await namesOf(asked(), { scanShare: 0 });
    // One block a statement: every block read once, none twice or left out.
    const scanned = await namesOf(asked(), { scanShare: Infinity, scanBlocks: 1 });
    expect(scans(looked.statements)).toBe(0);
    expect(scans(scanned.statements)).toBeGreaterThan(10);
    expect(scanned.names).toEqual(looked.names);
    expect(scanned.phones).toEqual(looked.phones);
    expect(scanned.names.size).toBe(1000);
    expect(scanned.names.get(named[1]!)).toBe('甲1');
    expect(scanned.names.get(named[999]!)).toBe('甲999');
    expect([...scanned.names.values()]).not.toContain('别市某');
    expect(scanned.phones.get(named[3]!)).toBe('13900000003');
    expect(scanned.phones.has(named[1]!)).toBe(false);
    expect(scanned.phones.size).toBe(334);
  });

  it('scans when the window names at least a quarter of all nodes, and looks up a few', async () => {
    // 1,540 nodes: 1,021 ids are more than a quarter, 100 fewer.
    expect(scans((await namesOf(asked())).statements)).toBeGreaterThan(0);
    const few = await namesOf(named.slice(0, 100));
    expect(scans(few.statements)).toBe(0);
    expect(few.names.size).toBe(100);
  });

  it('looks up what the scan left out: the unnamed and the unknown, a page at a time', async () => {
    const scanned = await namesOf(asked(), { scanShare: Infinity });
    const lookUps = scanned.statements.filter((q) => q.includes('"id_number" in ('));
    expect(lookUps).toHaveLength(1);
    expect(lookUps[0]!.match(/\$\d+/g)!.length).toBe(21 + 1); // the city and 21 ids
  });
});
