import type { Db } from '../../server/src/db/database.ts';

/**
 * `n` violation records handled on `day`, ten seconds apart from 08:00 Beijing time, by a
 * thousand drivers, of a thousand plates (`贵C9xxxx`), ids `PLAN<tag><n>`: imported handlings,
 * or the platform's (a violation.handle application each) with `platform`. For the plan tests,
 * which need a city's worth of records, not one record's story.
 */
export async function plantHandledRecords(
  db: Db,
  r: { tag: string; day: string; n: number; platform?: boolean },
) {
  const start = new Date(`${r.day}T08:00:00+08:00`).getTime();
  const rows = Array.from({ length: r.n }, (_, i) => {
    const at = new Date(start + i * 10_000);
    return {
      city_code: '520300',
      id: `PLAN${r.tag}${String(i).padStart(6, '0')}`,
      county_code: '520302',
      plate: `贵C9${String(i % 1000).padStart(4, '0')}`,
      code: '1116',
      occurred_at: at,
      points: 1,
      fine: 100,
      status: 'handled' as const,
      source: 'import' as const,
      recorded_at: at,
      handled_by: `5203021990010${String(i % 1000).padStart(4, '0')}X`,
      owner_id_number: null,
      handled_on: r.day,
      handled_at: at,
      handled_application_id: r.platform ? crypto.randomUUID() : null,
      handled_channel: r.platform ? ('window' as const) : null,
    };
  });
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('violations')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}
