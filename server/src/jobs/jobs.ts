import type PgBoss from 'pg-boss';
import { summariseClosedDays } from '../applications/activity.service.ts';
import { runDeadlines } from '../applications/lifecycle.service.ts';
import type { BusinessRegistry } from '../applications/registry.ts';
import { createCheckpoint } from '../audit/checkpoints.service.ts';
import { relayOutbox } from '../audit/outbox.service.ts';
import { cityCodes } from '../network/network.service.ts';
import type { AppContext } from '../platform/context.ts';
import { addDays, beijingDate, datesBetween } from '../platform/time.ts';
import { reopenOverdue } from '../supervision/alerts.service.ts';
import { noExamsRecorded, type SupervisionPorts } from '../supervision/exam-port.ts';
import { drawMissedReviewDays, REVIEW_DRAW_TIME } from '../supervision/reviews.service.ts';
import { runMissedDays } from '../supervision/runs.service.ts';
import { escalateSlaBreaches } from '../service/handling.service.ts';
import { escalateOverdueRectifications } from '../service/rectifications.service.ts';
import { sampleMissedDays } from '../service/service.service.ts';

/** A daily cron at a Beijing 'HH:MM' (every schedule runs in Asia/Shanghai). */
const dailyAt = (hhmm: string) => `${Number(hhmm.slice(3, 5))} ${Number(hhmm.slice(0, 2))} * * *`;

/** The queue every domain event goes to; supervision and anti-fraud consumers subscribe to it. */
export const EVENTS_QUEUE = 'events';

export interface JobDefinition {
  id: string;
  /** Cron in Beijing time. */
  cron: string;
  /**
   * Also run once as the jobs start: what a job that only makes up what is missing would have
   * done while the server was down (or before a bulk load's first start) is not left to the
   * next night. Only for such a job: running it again changes nothing that is done.
   */
  atStart?: true;
  run(
    ctx: AppContext,
    boss: PgBoss,
    registry: BusinessRegistry,
    supervisionPorts?: SupervisionPorts,
  ): Promise<unknown>;
}

/**
 * How far back a daily job over "the day before" makes up the days it missed (nights the server
 * was down): a week, so a long outage does not turn one night's run into a year's.
 */
export const CATCH_UP_DAYS = 7;

/** The last `CATCH_UP_DAYS` Beijing days before today, oldest first. */
export function recentDays(ctx: AppContext) {
  const yesterday = addDays(beijingDate(ctx.clock.now()), -1);
  return datesBetween(addDays(yesterday, 1 - CATCH_UP_DAYS), yesterday);
}

export const JOBS: JobDefinition[] = [
  {
    id: 'outbox-relay',
    cron: '* * * * *',
    run: (ctx, boss) =>
      relayOutbox(ctx.db, async (events) => {
        await boss.insert(events.map((e) => ({ name: EVENTS_QUEUE, data: e })));
      }),
  },
  {
    // A signed checkpoint of the audit log every hour, published outside the database.
    id: 'audit-checkpoint',
    cron: '5 * * * *',
    run: (ctx) => createCheckpoint(ctx),
  },
  {
    // Lifecycle deadlines (e.g. a reissued plate never collected) close their applications.
    id: 'application-deadlines',
    cron: '15 0 * * *',
    run: (ctx, _boss, registry) => runDeadlines(ctx, registry),
  },
  {
    // The pipeline's business of the days that are over, summarised for the bulletins (after
    // the deadlines job has closed what it closes).
    id: 'application-activity',
    cron: '45 0 * * *',
    // A generated or imported year, or nights the server was down, summarised in the background
    // now rather than by the first bulletin that reads them.
    atStart: true,
    run: async (ctx) => {
      for (const cityCode of await cityCodes(ctx.db)) await summariseClosedDays(ctx.db, cityCode);
    },
  },
  {
    // Supervision (管): re-open alerts whose rectification deadline passed, then every rule
    // over yesterday, and over each recent day the job missed (nights the server was down),
    // city by city.
    id: 'supervision-daily',
    cron: '0 2 * * *',
    run: async (ctx, _boss, _registry, ports = { examResults: noExamsRecorded }) => {
      for (const cityCode of await cityCodes(ctx.db)) {
        await reopenOverdue(ctx, cityCode);
        await runMissedDays(ctx, cityCode, recentDays(ctx), ports);
      }
    },
  },
  {
    // Exam oversight: yesterday's exam recordings drawn for audio/video review, after the
    // supervision run so that its fresh exam alerts raise the rate for their units, and each
    // recent day not drawn yet (nights the server was down), oldest first; a day is drawn once.
    // At REVIEW_DRAW_TIME, which also dates what a day drawn late sees (the alerts as they stood
    // then): the schedule is derived from it, so the two cannot drift apart.
    id: 'exam-review-draw',
    cron: dailyAt(REVIEW_DRAW_TIME),
    // Nights the server was down drawn as it starts, not the next night: a day is drawn only
    // once its draw is final, and draws then what it would have on time.
    atStart: true,
    run: async (ctx, _boss, _registry, ports = { examResults: noExamsRecorded }) => {
      for (const cityCode of await cityCodes(ctx.db)) {
        await drawMissedReviewDays(ctx, cityCode, recentDays(ctx), ports);
      }
    },
  },
  {
    // Call-backs (回访): a random sample of each outlet's applications completed the day before,
    // and of each recent day not sampled yet (nights the server was down); a day is sampled once.
    id: 'callback-sampling',
    cron: '30 1 * * *',
    atStart: true,
    run: async (ctx) => {
      for (const cityCode of await cityCodes(ctx.db)) {
        await sampleMissedDays(ctx, cityCode, recentDays(ctx));
      }
    },
  },
  {
    // Handling times: applications past their SLA escalated to the outlet's supervisor, once.
    id: 'sla-escalation',
    cron: '45 1 * * *',
    run: async (ctx) => {
      for (const cityCode of await cityCodes(ctx.db)) {
        await escalateSlaBreaches(ctx, null, { cityCode }, 'job');
      }
    },
  },
  {
    // Rectifications after bad ratings left unresolved past their deadline go to the supervisor.
    id: 'rectification-escalation',
    cron: '50 1 * * *',
    run: async (ctx) => {
      for (const cityCode of await cityCodes(ctx.db)) {
        await escalateOverdueRectifications(ctx, cityCode);
      }
    },
  },
];

/**
 * Starts pg-boss on the platform's database with every job scheduled (time zone Asia/Shanghai).
 * pg-boss (with its cron and time-zone libraries) is loaded here, not with the module: the server
 * starts its jobs once it listens, and a start should not wait for code it does not need yet.
 */
export async function startJobs(
  ctx: AppContext,
  registry: BusinessRegistry,
  databaseUrl: string,
  log: (e: unknown) => void,
  supervisionPorts?: SupervisionPorts,
) {
  const { default: PgBoss } = await import('pg-boss');
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 4 });
  boss.on('error', log);
  await boss.start();
  await boss.createQueue(EVENTS_QUEUE);
  // A job an earlier version scheduled and this one no longer has (the outbox's retention, since
  // the relay removes what it publishes) would be created on its cron with no worker to take it.
  const defined = new Set(JOBS.map((j) => j.id));
  for (const s of await boss.getSchedules()) {
    if (!defined.has(s.name)) await boss.unschedule(s.name);
  }
  for (const job of JOBS) {
    await boss.createQueue(job.id);
    await boss.schedule(job.id, job.cron, {}, { tz: 'Asia/Shanghai' });
    await boss.work(job.id, async () => {
      await job.run(ctx, boss, registry, supervisionPorts);
    });
  }
  for (const job of JOBS) if (job.atStart) await boss.send(job.id, {});
  return { boss, stop: () => boss.stop({ graceful: true, wait: true }) };
}
