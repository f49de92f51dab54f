import { addCalendarDays, beijingDate } from '#shared/dates.ts';
import { sql } from 'kysely';
import type { TestApp } from './app.ts';
import { submit, tokenOf } from './driver.ts';

const post = async (t: TestApp, url: string, payload: object) =>
  await t.app.inject({ method: 'POST', url, headers: await tokenOf(t, 'clerk.city'), payload });

/**
 * Has the ranking allocate a candidate's booking of a subject to the exam site's session on the
 * test clock's day, as a result needs to count (R162 §§39, 47). The booking is made the day
 * before (the clock is put back afterwards), so a test may post a subject 1 result on the day it
 * applied. A site holds one session of a subject a day: a test with several candidates on the same
 * day shares it, reopened here for each (the office would have planned it for all of them).
 * Returns the booking's answer; a refused booking allocates nothing.
 */
export async function allocateExam(
  t: TestApp,
  o: { idNumber: string; subject: number; examSiteCode: string; name?: string },
) {
  const now = t.clock.now();
  const day = beijingDate(now);
  t.clock.set(`${addCalendarDays(day, -1)}T09:00:00+08:00`);
  try {
    const booking = await submit(
      t,
      'clerk.city',
      'exam.book',
      { idNumber: o.idNumber, name: o.name ?? '考生' },
      { subject: o.subject, examSiteCode: o.examSiteCode, preferredDates: [day] },
    );
    if (booking.json().status !== 'accepted') return booking;
    const session = { examSiteCode: o.examSiteCode, subject: o.subject, date: day };
    const created = await post(t, '/api/v1/exam-sessions', { ...session, capacity: 500 });
    let id = created.json().id as string | undefined;
    if (!id) {
      const row = await sql<{ id: string }>`
        UPDATE exam_sessions SET status = 'open', closed_at = NULL
         WHERE exam_site_code = ${o.examSiteCode} AND subject = ${o.subject} AND exam_date = ${day}
        RETURNING id`.execute(t.ctx.db);
      id = row.rows[0]!.id;
    }
    const closed = await post(t, `/api/v1/exam-sessions/${id}/close`, {});
    if (closed.statusCode !== 200) throw new Error(`closing ${id}: ${closed.body}`);
    return booking;
  } finally {
    t.clock.set(now.toISOString());
  }
}
