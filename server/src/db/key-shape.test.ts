import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';

/**
 * Keys that can be distributed (DESIGN.md "Storage"): every registry table is keyed by its
 * jurisdiction, so at national scale the registries can be sharded by `city_code` (Citus,
 * YugabyteDB) without a redesign. Reference tables are small and replicated to every node.
 * A new table must be put in one list or the other: this test fails until it is.
 */
const REGISTRY_TABLES = [
  'applications',
  'application_events',
  'documents',
  'vehicles',
  'mortgages',
  'temp_plates',
  'audit_log',
  'audit_heads',
  'outbox',
  'vehicle_flags',
  'vehicle_events',
  'inspections',
  'inspection_photos',
  'inspection_photo_shares',
  'inspection_days',
  'plate_reservations',
  'lane_stages',
  'supervision_runs',
  'alerts',
  'alert_dispositions',
  'legacy_applications',
  'legacy_application_days',
  'application_activity',
  'application_activity_days',
  'legacy_application_repeats',
  'spot_check_draws',
  'spot_check_parties',
  'exam_reviews',
  'exam_review_days',
  'licences',
  'licence_events',
  'violations',
  'point_entries',
  'full_score_records',
  'medical_certificates',
  'licence_reviews',
  'exam_candidates',
  'exam_results',
  'exam_examiner_days',
  'exam_site_days',
  'exam_sessions',
  'exam_bookings',
  'citizens',
  'citizen_vehicles',
  'appointments',
  'ratings',
  'callbacks',
  'callback_sample_days',
  'roster_draws',
  'fraud_violation_handlings',
  'fraud_parties',
  'fraud_vehicles',
  'fraud_events',
  'fraud_findings',
  'fraud_cases',
  'fraud_case_findings',
  'fraud_case_steps',
  'substitute_holds',
  'agent_review_flags',
  'sla_escalations',
  'rectifications',
  'onsite_requirements',
];
const REFERENCE_TABLES = [
  'schema_migrations',
  // The latest SMS code per phone (like the login throttle, keyed by what is typed in).
  'sms_codes',
  // Registration attempts per identity number, counted before any city's registry is asked.
  'registration_attempts',
  'regions',
  'jurisdictions',
  'organisations',
  'outlets',
  'outlet_suspensions',
  'agreements',
  'agreement_outlets',
  'users',
  'system_settings',
  'business_types',
  'policy_values',
  'calendar_days',
  'grants',
  // The cross-city directory that keeps a VIN unique nationally (keyed by VIN on purpose).
  'vehicle_directory',
  'login_throttle',
  'login_known_addresses',
  // Checkpoints span every city's chains at once: one national sequence.
  'audit_checkpoints',
  'audit_checkpoint_chains',
  // The national licence directory (keyed by identity number, as vehicle_directory by VIN), and
  // the violation code table (dated national and city versions).
  'licence_directory',
  'violation_codes',
];
const KEY = 'city_code';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

interface IndexRow {
  table: string;
  index: string;
  primary: boolean;
  columns: string[];
}
interface ForeignKeyRow {
  table: string;
  name: string;
  target: string;
  columns: string[];
}

async function publicTables(): Promise<string[]> {
  const { rows } = await sql<{ table: string }>`
    SELECT tablename AS table FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`.execute(
    t.ctx.db,
  );
  return rows.map((r) => r.table);
}

async function uniqueIndexes(): Promise<IndexRow[]> {
  const { rows } = await sql<IndexRow>`
    SELECT c.relname AS table, i.relname AS index, x.indisprimary AS primary,
           array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                  ORDER BY k.n)::text[] AS columns
      FROM pg_index x
      JOIN pg_class c ON c.oid = x.indrelid
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_namespace s ON s.oid = c.relnamespace
     WHERE s.nspname = 'public' AND (x.indisunique OR x.indisprimary)`.execute(t.ctx.db);
  return rows;
}

async function foreignKeys(): Promise<ForeignKeyRow[]> {
  const { rows } = await sql<ForeignKeyRow>`
    SELECT c.relname AS table, k.conname AS name, f.relname AS target,
           array(SELECT a.attname FROM unnest(k.conkey) col(attnum)
                   JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = col.attnum)::text[]
             AS columns
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_class f ON f.oid = k.confrelid
      JOIN pg_namespace s ON s.oid = c.relnamespace
     WHERE s.nspname = 'public' AND k.contype = 'f'`.execute(t.ctx.db);
  return rows;
}

/**
 * Problems of the registry tables' unique keys, the primary key among them: one without city_code.
 * Citus asks for the distribution column in a key, not for it first; in a shard it is one value,
 * so a key found by a selective column (an application's id) may carry it last.
 */
async function uniqueKeyProblems(registry: readonly string[]) {
  return (await uniqueIndexes())
    .filter((i) => registry.includes(i.table) && !i.columns.includes(KEY))
    .map((i) => `${i.table}: ${i.primary ? 'primary key' : `unique ${i.index}`} (${i.columns})`)
    .sort();
}

describe('key shape: every registry key includes the jurisdiction', () => {
  it('knows every table as a registry table or a reference table', async () => {
    const unknown = (await publicTables()).filter(
      (name) => !REGISTRY_TABLES.includes(name) && !REFERENCE_TABLES.includes(name),
    );
    expect(unknown, 'classify these tables in key-shape.test.ts').toEqual([]);
  });

  it('has city_code in each registry primary key and every unique key', async () => {
    expect(await uniqueKeyProblems(REGISTRY_TABLES)).toEqual([]);
    for (const table of REGISTRY_TABLES) {
      const primary = (await uniqueIndexes()).find((i) => i.table === table && i.primary);
      expect(primary, `${table} has a primary key`).toBeDefined();
    }
  });

  it('joins registry tables to each other only through keys that include city_code', async () => {
    const problems = (await foreignKeys())
      .filter((k) => REGISTRY_TABLES.includes(k.table) && REGISTRY_TABLES.includes(k.target))
      .filter((k) => !k.columns.includes(KEY))
      .map((k) => `${k.table}.${k.name} → ${k.target} (${k.columns})`);
    expect(problems).toEqual([]);
  });
});

describe('the key-shape check itself', () => {
  it('flags a registry table keyed without its jurisdiction', async () => {
    await sql`CREATE TABLE shape_probe (id bigint PRIMARY KEY, city_code text NOT NULL,
      serial text UNIQUE)`.execute(t.ctx.db);
    try {
      expect(await uniqueKeyProblems(['shape_probe'])).toEqual([
        'shape_probe: primary key (id)',
        'shape_probe: unique shape_probe_serial_key (serial)',
      ]);
    } finally {
      await sql`DROP TABLE shape_probe`.execute(t.ctx.db);
    }
  });

  it('takes a key that holds city_code in any place', async () => {
    await sql`CREATE TABLE shape_probe (id bigint, city_code text NOT NULL, serial text,
      PRIMARY KEY (id, city_code), UNIQUE (serial, city_code))`.execute(t.ctx.db);
    try {
      expect(await uniqueKeyProblems(['shape_probe'])).toEqual([]);
    } finally {
      await sql`DROP TABLE shape_probe`.execute(t.ctx.db);
    }
  });
});
