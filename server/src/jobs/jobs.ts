import PgBoss from 'pg-boss';
import type { AppContext } from '../platform/context.ts';
import { relayOutbox } from './outbox.relay.ts';

/** The queue every domain event goes to; supervision and anti-fraud consumers subscribe to it. */
export const EVENTS_QUEUE = 'events';

export interface JobDefinition {
  id: string;
  /** Cron in Beijing time. */
  cron: string;
  run(ctx: AppContext, boss: PgBoss): Promise<unknown>;
}

export const JOBS: JobDefinition[] = [
  {
    id: 'outbox-relay',
    cron: '* * * * *',
    run: (ctx, boss) =>
      relayOutbox(
        ctx.db,
        (events) => boss.insert(events.map((e) => ({ name: EVENTS_QUEUE, data: e }))),
        () => ctx.clock.now(),
      ),
  },
];

/** Starts pg-boss on the platform's database with every job scheduled (time zone Asia/Shanghai). */
export async function startJobs(ctx: AppContext, databaseUrl: string, log: (e: unknown) => void) {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 4 });
  boss.on('error', log);
  await boss.start();
  await boss.createQueue(EVENTS_QUEUE);
  for (const job of JOBS) {
    await boss.createQueue(job.id);
    await boss.schedule(job.id, job.cron, {}, { tz: 'Asia/Shanghai' });
    await boss.work(job.id, async () => {
      await job.run(ctx, boss);
    });
  }
  return { boss, stop: () => boss.stop({ graceful: true, wait: true }) };
}
