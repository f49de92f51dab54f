import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { ApplicationStatus } from '../../server/src/db/types.ts';
import type { TestApp } from './app.ts';
import { businessClient } from './business.ts';
import { createVehicle, idNumber } from './factories.ts';

/**
 * Many applications for the plan and paging tests: one real 行驶证 reissue made through the
 * pipeline at the city's window, then copies of its stored row inserted directly, at the
 * instants and in the statuses a test needs (thousands, as a city's tables hold).
 */
export async function storedReissue(t: TestApp, { byAgent = false } = {}) {
  const { submit } = businessClient(() => t);
  const v = await createVehicle(t.ctx.db);
  const res = await submit(
    'vehicle.licence-reissue',
    { idNumber: v.ownerIdNumber, name: v.ownerName },
    { plate: v.plate },
    'clerk.city',
    byAgent ? { idNumber: idNumber(), name: '代办人' } : undefined,
  );
  expect(res.statusCode).toBe(201);
  return await t.ctx.db
    .selectFrom('applications')
    .selectAll()
    .where('id', '=', res.json().id)
    .executeTakeFirstOrThrow();
}

export type StoredApplication = Awaited<ReturnType<typeof storedReissue>>;

/** `n` instants `seconds` apart from `from` (ms since the epoch): when planted copies came in. */
export const spaced = (n: number, from: number, seconds = 10) =>
  Array.from({ length: n }, (_, i) => new Date(from + i * seconds * 1000));

/** Where a copy is taken in and what business it is, when not the row's own. */
export interface CopyPlace {
  businessType?: string;
  outlet?: { code: string; countyCode: string; name: string };
}

/**
 * Copies of `row` submitted at the instants given, in `status` (completed at submission unless
 * another is given), with the row's agent or without one, at the row's outlet and of its
 * business type unless `place` names others; their ids and instants.
 */
export async function plantCopies(
  t: TestApp,
  row: StoredApplication,
  at: Date[],
  {
    status = 'completed',
    withAgent = false,
    place = {},
  }: { status?: ApplicationStatus; withAgent?: boolean; place?: CopyPlace },
) {
  const { events: _events, ...copy } = row;
  const values = at.map((when) => ({
    ...copy,
    business_type: place.businessType ?? row.business_type,
    outlet_code: place.outlet?.code ?? row.outlet_code,
    outlet_name: place.outlet?.name ?? row.outlet_name,
    county_code: place.outlet?.countyCode ?? row.county_code,
    id: crypto.randomUUID(),
    status,
    data: JSON.stringify(row.data),
    result: JSON.stringify(row.result),
    policy: JSON.stringify(row.policy),
    agent: withAgent ? JSON.stringify(row.agent) : null,
    refusal: null,
    idempotency_key: null,
    submitted_at: when,
    completed_at: status === 'completed' ? when : null,
  }));
  for (let i = 0; i < values.length; i += 500) {
    await t.ctx.db
      .insertInto('applications')
      .values(values.slice(i, i + 500))
      .execute();
  }
  return values.map((v) => ({ id: v.id, at: v.submitted_at }));
}

/** Ids of planted rows in the lists' order: newest first, then by id descending. */
export const newestFirst = (rows: { id: string; at: Date }[]) =>
  [...rows]
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1))
    .map((r) => r.id);

type Listed = { id: string; submittedAt: Date };

/**
 * Every page of a keyset list, each asked after the last row of the one before until a page
 * comes short: the rows in the order given, and each page checked by `check` as it comes.
 */
export async function everyPage<T extends Listed>(
  limit: number,
  read: (after: { submittedAt: Date; id: string } | undefined) => Promise<T[]>,
  check: (page: T[]) => void = () => {},
): Promise<T[]> {
  const rows: T[] = [];
  let after: { submittedAt: Date; id: string } | undefined;
  for (;;) {
    const page = await read(after);
    expect(page.length).toBeLessThanOrEqual(limit);
    check(page);
    rows.push(...page);
    const last = page.at(-1);
    if (page.length < limit || !last) return rows;
    after = { submittedAt: last.submittedAt, id: last.id };
  }
}
