import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidIdNumber, isValidVin, parsePlate } from '#shared/validators/index.ts';
import { bearer, createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { verifyChains } from '../../audit/audit.service.ts';
import { loadEnv } from '../../env.ts';
import { generateScale, type GenerateOptions } from './generate.ts';
import { schemaShape } from '../../../../test/support/schema.ts';
import { CONTRACT_DOCUMENT_KINDS } from '../../../../test/support/responses.ts';

/**
 * The generator at its tiny size: lawful identifiers, the same rows from the same seed, rows
 * that agree with each other, and a platform that reads them (registry reads, a supervision
 * run over the year, the audit chains).
 */
const OPTS: GenerateOptions = { scale: 'tiny', seed: 7, year: 2025, cityCode: '520300' };

let t: TestApp;
let again: TestApp;
let parallel: boolean;
beforeAll(async () => {
  [t, again] = await Promise.all([createTestApp(), createTestApp()]);
  ({ parallel } = await generateScale(t.databaseUrl, t.ctx.signer, OPTS));
}, 120_000);
afterAll(async () => {
  await Promise.all([t.close(), again.close()]);
});

/** A digest of what a seed decides (not the tokens, which carry each database's secret). */
async function digest(app: TestApp) {
  const { rows } = await sql<{ table: string; md5: string }>`
    SELECT 'vehicles' AS table, md5(string_agg(concat_ws('|', vin, plate, owner_id_number, status,
             registered_on), ',' ORDER BY vin)) AS md5 FROM vehicles
    UNION ALL SELECT 'licences', md5(string_agg(concat_ws('|', id_number, name, classes::text,
             status, first_issued_on), ',' ORDER BY id_number)) FROM licences
    UNION ALL SELECT 'violations', md5(string_agg(concat_ws('|', id, plate, code, occurred_at,
             status, handled_by, handled_application_id), ',' ORDER BY id)) FROM violations
    UNION ALL SELECT 'applications', md5(string_agg(concat_ws('|', id, business_type, outlet_code,
             applicant_id_number, data::text, status, submitted_at), ',' ORDER BY id))
             FROM applications
    UNION ALL SELECT 'exam_results', md5(string_agg(concat_ws('|', id_number, subject, passed,
             started_at), ',' ORDER BY id)) FROM exam_results`.execute(app.ctx.db);
  return Object.fromEntries(rows.map((r) => [r.table, r.md5]));
}

/** The server lets the groups run side by side (a superuser, four prepared transactions). */
async function allowsPrepared(app: TestApp) {
  const { rows } = await sql<{ ok: boolean }>`
    SELECT rolsuper AND current_setting('max_prepared_transactions')::int >= 4 AS ok
      FROM pg_roles WHERE rolname = current_user`.execute(app.ctx.db);
  return rows[0]!.ok;
}

describe('cheguan generate --scale tiny', () => {
  it('writes a year of every kind of row', async () => {
    const { rows } = await sql<{ table: string; n: number }>`
      SELECT 'applications' AS table, count(*)::int AS n FROM applications
      UNION ALL SELECT 'types', count(DISTINCT business_type)::int FROM applications
      UNION ALL SELECT 'violations', count(*)::int FROM violations
      UNION ALL SELECT 'points', count(*)::int FROM point_entries
      UNION ALL SELECT 'documents', count(*)::int FROM documents
      UNION ALL SELECT 'exam_results', count(*)::int FROM exam_results
      UNION ALL SELECT 'inspections', count(*)::int FROM inspections`.execute(t.ctx.db);
    const n = Object.fromEntries(rows.map((r) => [r.table, r.n]));
    expect(n.types).toBe(19);
    expect(n.applications).toBeGreaterThan(1000);
    expect(n.violations).toBeGreaterThanOrEqual(2000);
    for (const table of ['points', 'documents', 'exam_results', 'inspections']) {
      expect(n[table], table).toBeGreaterThan(0);
    }
    // The COPY leaves each photo hash of each inspection in inspection_photos (its trigger).
    const photos = await sql<{ hashes: number; kept: number }>`
      SELECT (SELECT count(*)::int FROM (SELECT DISTINCT city_code, id, unnest(photo_hashes)
                                           FROM inspections) x) AS hashes,
             (SELECT count(*)::int FROM inspection_photos) AS kept`.execute(t.ctx.db);
    expect(photos.rows[0]!.kept).toBe(photos.rows[0]!.hashes);
    expect(photos.rows[0]!.kept).toBeGreaterThan(0);
    // With its trigger off for the COPY, the shared hashes are rebuilt after it.
    const shares = await sql<{ hash: string }>`
      SELECT hash FROM inspection_photos GROUP BY city_code, hash HAVING count(*) > 1
      EXCEPT ALL SELECT hash FROM inspection_photo_shares`.execute(t.ctx.db);
    expect(shares.rows).toEqual([]);
  });

  it('gives lawful identity numbers, VINs and plates under the city prefix', async () => {
    const vehicles = await t.ctx.db.selectFrom('vehicles').select(['vin', 'plate']).execute();
    const licences = await t.ctx.db.selectFrom('licences').select('id_number').execute();
    const applicants = await t.ctx.db
      .selectFrom('applications')
      .select('applicant_id_number')
      .execute();
    expect(vehicles.filter((v) => !isValidVin(v.vin))).toEqual([]);
    const plates = vehicles.map((v) => parsePlate(v.plate!));
    expect(
      plates.filter((p) => !p.ok || `${p.value.province}${p.value.authorityCode}` !== '贵C'),
    ).toEqual([]);
    const ids = [
      ...licences.map((l) => l.id_number),
      ...applicants.map((a) => a.applicant_id_number),
    ];
    expect(ids.filter((id) => !isValidIdNumber(id))).toEqual([]);
  });

  it('gives the same rows from the same seed, and others from another', async () => {
    const before = await schemaShape(again.ctx.db);
    // The groups side by side (load.ts) and all in one transaction: the same rows. Side by side
    // always on the embedded server; on another, when it allows prepared transactions.
    expect(parallel).toBe(loadEnv().DATABASE_URL ? await allowsPrepared(t) : true);
    const report = await generateScale(again.databaseUrl, again.ctx.signer, OPTS, undefined, {
      parallel: false,
    });
    expect(report.parallel).toBe(false);
    expect(await digest(again)).toEqual(await digest(t));
    // The keys and indexes taken off for the COPY came back exactly as they were.
    expect(await schemaShape(again.ctx.db)).toEqual(before);
    const other = await createTestApp();
    try {
      await generateScale(other.databaseUrl, other.ctx.signer, { ...OPTS, seed: 8 });
      const [a, b] = [await digest(t), await digest(other)];
      expect(b.vehicles).not.toBe(a.vehicles);
      expect(b.applications).not.toBe(a.applications);
    } finally {
      await other.close();
    }
  });

  it('refuses to write a second year into the same database', async () => {
    await expect(generateScale(t.databaseUrl, t.ctx.signer, OPTS)).rejects.toThrow(
      /already holds a generated year/,
    );
  });

  it('keeps the registry and the applications consistent', async () => {
    // A completed transfer's vehicle has the applicant as owner and the new number as plate.
    const { rows: transfers } = await sql<{ mismatched: number; n: number }>`
      SELECT count(*) FILTER (WHERE v.owner_id_number <> a.applicant_id_number
                               OR v.plate <> a.result ->> 'plate')::int AS mismatched,
             count(*)::int AS n
        FROM applications a
        JOIN vehicles v ON v.city_code = a.city_code AND v.plate = a.result ->> 'plate'
       WHERE a.business_type = 'vehicle.transfer' AND a.status = 'completed'`.execute(t.ctx.db);
    expect(transfers[0]!.n).toBeGreaterThan(0);
    expect(transfers[0]!.mismatched).toBe(0);
    // A handled record names its application, which was that driver's violation.handle.
    const { rows: handled } = await sql<{ wrong: number; n: number }>`
      SELECT count(*) FILTER (WHERE a.applicant_id_number <> v.handled_by
                               OR a.data ->> 'violationId' <> v.id)::int AS wrong,
             count(*)::int AS n
        FROM violations v
        JOIN applications a ON a.city_code = v.city_code AND a.id = v.handled_application_id`.execute(
      t.ctx.db,
    );
    expect(handled[0]!.n).toBeGreaterThan(0);
    expect(handled[0]!.wrong).toBe(0);
    // Every mortgaged vehicle has its standing mortgage.
    const mortgaged = await t.ctx.db
      .selectFrom('vehicles as v')
      .leftJoin('mortgages as m', (j) =>
        j
          .onRef('m.city_code', '=', 'v.city_code')
          .onRef('m.vehicle_id', '=', 'v.id')
          .on('m.released_on', 'is', null),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('v.status', '=', 'mortgaged')
      .where('m.id', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(mortgaged.n)).toBe(0);
    // A violation entry's fine is settled when its record's fine was paid (or has none).
    const { rows: settled } = await sql<{ wrong: number; paid: number; unpaid: number }>`
      SELECT count(*) FILTER (WHERE p.fine_settled_on IS DISTINCT FROM
               CASE WHEN v.fine = 0 THEN p.recorded_on ELSE beijing_day(v.paid_at) END)::int
               AS wrong,
             count(*) FILTER (WHERE p.fine_settled_on IS NOT NULL)::int AS paid,
             count(*) FILTER (WHERE p.fine_settled_on IS NULL)::int AS unpaid
        FROM point_entries p
        JOIN violations v ON v.city_code = p.violation_city_code AND v.id = p.violation_id`.execute(
      t.ctx.db,
    );
    expect(settled[0]).toMatchObject({ wrong: 0 });
    expect(settled[0]!.paid).toBeGreaterThan(0);
    expect(settled[0]!.unpaid).toBeGreaterThan(0);
  });

  it('writes the applications in the order of their (type, time) index, the documents in step', async () => {
    // The documents' serials are drawn in the order the applications are written (in a file of
    // its own, the COPY's order is the file's: renew.ts). An application before one it sorts
    // after by (type, submitted_at), as the index sorts them, is a break.
    const { rows: order } = await sql<{ breaks: number; n: number }>`
      SELECT count(*) FILTER (WHERE (prev_type, prev_at) > (business_type, submitted_at))::int
               AS breaks,
             count(*)::int AS n
        FROM (SELECT business_type COLLATE "C" AS business_type, submitted_at,
                     lag(business_type COLLATE "C") OVER w AS prev_type,
                     lag(submitted_at) OVER w AS prev_at
                FROM (SELECT a.business_type, a.submitted_at,
                             min(right(p ->> 'number', 8)::bigint) AS serial
                        FROM applications a
                       CROSS JOIN jsonb_array_elements(a.result -> 'documents') p
                       WHERE a.request_hash = 'generated' AND p ->> 'number' ~ '^[A-Z]{2}[0-9]{18}$'
                       GROUP BY a.id, a.business_type, a.submitted_at) numbered
              WINDOW w AS (ORDER BY serial)) a`.execute(t.ctx.db);
    expect(order[0]!.n).toBeGreaterThan(100);
    expect(order[0]!.breaks).toBe(0);
    // What an application printed is what the documents' pass wrote for it, number for number.
    const { rows: printed } = await sql<{ wrong: number; n: number }>`
      SELECT count(*) FILTER (WHERE d.id IS NULL)::int AS wrong, count(*)::int AS n
        FROM applications a
       CROSS JOIN jsonb_array_elements(a.result -> 'documents') p
        LEFT JOIN documents d ON d.city_code = a.city_code AND d.application_id = a.id
                             AND d.kind = p ->> 'kind' AND d.number = p ->> 'number'
       WHERE a.request_hash = 'generated'`.execute(t.ctx.db);
    expect(printed[0]!.n).toBeGreaterThan(100);
    expect(printed[0]!.wrong).toBe(0);
  });

  it('writes only the kinds of document of API v1, in the documents and in the results', async () => {
    const { rows } = await sql<{ kind: string }>`
      SELECT DISTINCT kind FROM documents
      UNION SELECT DISTINCT p ->> 'kind'
        FROM applications a CROSS JOIN jsonb_array_elements(a.result -> 'documents') p
       WHERE jsonb_typeof(a.result -> 'documents') = 'array'`.execute(t.ctx.db);
    // CONTRACT.md: a document's kind is one of its seven, and no other.
    expect(rows.map((r) => r.kind).filter((k) => !CONTRACT_DOCUMENT_KINDS.includes(k))).toEqual([]);
    expect(rows.map((r) => r.kind)).toContain('notice');
  });

  it('prints tokens the public verification confirms, for every kind of document', async () => {
    // The generator signs in bulk (Signer.many), the server verifies with node:crypto: one
    // document of each kind, plates' numbers in Chinese among them.
    const { rows } = await sql<{ kind: string; number: string; token: string }>`
      SELECT DISTINCT ON (p ->> 'kind') p ->> 'kind' AS kind, p ->> 'number' AS number,
             p ->> 'verifyToken' AS token
        FROM applications a CROSS JOIN jsonb_array_elements(a.result -> 'documents') p
       WHERE a.request_hash = 'generated'
       ORDER BY p ->> 'kind', a.id`.execute(t.ctx.db);
    expect(rows.map((r) => r.kind)).toEqual(expect.arrayContaining(['plate', 'temp-plate']));
    for (const { kind, number, token } of rows) {
      const res = await t.app.inject({ url: `/api/v1/verify/${encodeURIComponent(token)}` });
      expect(res.json(), kind).toMatchObject({ valid: true, kind, number });
      const forged = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
      const refused = await t.app.inject({ url: `/api/v1/verify/${encodeURIComponent(forged)}` });
      expect(refused.json().valid).toBe(false);
    }
  });

  it('is read by the platform: registry reads and a supervision run over the year', async () => {
    const vehicle = await t.ctx.db
      .selectFrom('vehicles')
      .select(['plate', 'owner_id_number'])
      .where('status', '=', 'normal')
      .where('plate', 'like', '贵C_____')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const clerk = bearer(await t.login('clerk.city'));
    const byPlate = await t.app.inject({
      url: `/api/v1/vehicles/by-plate/${encodeURIComponent(vehicle.plate!)}`,
      headers: clerk,
    });
    expect(byPlate.statusCode).toBe(200);
    expect(byPlate.json().owner.idNumber).toBe(vehicle.owner_id_number);

    const holder = await t.ctx.db
      .selectFrom('point_entries')
      .select('id_number')
      .where('kind', '=', 'violation')
      .executeTakeFirstOrThrow();
    const licence = await t.app.inject({
      url: `/api/v1/licences/${holder.id_number}`,
      headers: clerk,
    });
    expect(licence.statusCode).toBe(200);
    expect(licence.json().idNumber).toBe(holder.id_number);

    const run = await t.app.inject({
      method: 'POST',
      url: '/api/v1/supervision/runs',
      headers: bearer(await t.login('sup.city')),
      payload: { from: '2025-01-01', to: '2025-12-31' },
    });
    expect(run.statusCode).toBe(200);
    const stored = await t.ctx.db
      .selectFrom('supervision_runs')
      .select('read')
      .where('id', '=', run.json().runId)
      .executeTakeFirstOrThrow();
    const read = stored.read as Record<string, number>;
    expect(read.applicationDays).toBeGreaterThan(0);
    expect(read.inspections).toBeGreaterThan(0);
    expect(read.exams).toBeGreaterThan(0);
  });

  it('leaves the audit chains verifiable (the generated history writes no audit records)', async () => {
    expect(await verifyChains(t.ctx.db)).toMatchObject({ ok: true });
  });
});
