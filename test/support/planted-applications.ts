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

/**
 * Copies of `row` submitted at the instants given, in `status` (completed at submission unless
 * another is given), with the row's agent or without one; their ids and instants.
 */
export async function plantCopies(
  t: TestApp,
  row: StoredApplication,
  at: Date[],
  { status = 'completed', withAgent = false }: { status?: ApplicationStatus; withAgent?: boolean },
) {
  const { events: _events, ...copy } = row;
  const values = at.map((when) => ({
    ...copy,
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
