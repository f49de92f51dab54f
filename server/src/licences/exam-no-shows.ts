import type { BusinessTypeCode } from '#shared/catalog.ts';
import { applicationById } from '../applications/applications.service.ts';
import type { RegisteredHandler } from '../applications/handler.ts';
import { firePlatformEvent } from '../applications/lifecycle.service.ts';
import { policyIn } from '../catalog/catalog.service.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import { cityCodes, outletSummary } from '../network/network.service.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { beijingDate } from '../platform/time.ts';
import { unpostedBookings, unpostedExamDays } from './bookings.repository.ts';
import { progressOf, withUnpostedDays } from './exam-progress.ts';
import { countedResults, openCandidate } from './exams.repository.ts';

const BATCH = 200;

/**
 * A candidacy's counted attempts as of `today`, with each exam day that passed with nothing
 * posted as a no-show (R162 §46): what the 5-booking rule (§47) counts.
 */
export async function attemptsWithNoShows(
  db: DbOrTx,
  c: { cityCode: string; applicationId: string },
  today: string,
) {
  const results = await countedResults(db, c.cityCode, c.applicationId);
  const days = await unpostedExamDays(db, {
    cityCode: c.cityCode,
    candidateId: c.applicationId,
    today,
  });
  return withUnpostedDays(results, days);
}

type HandlerOf = (type: BusinessTypeCode) => RegisteredHandler | undefined;
type Due = Awaited<ReturnType<typeof unpostedBookings>>[number];

/**
 * The night after an exam day: every booking allocated to a session of a day that is over, with
 * no result posted, ends as a no-show (缺考, R162 §46: a fail; §47: the booking ends), each in its
 * own transaction, by the platform at the booking's outlet; a fifth booking of subject 2 or 3
 * ending so voids the passed subjects (§47 ¶2) as a failed one does. The exam site posts the
 * candidates who came; one who did not come must not keep the booking open for ever. Running it
 * again changes nothing: a closed booking is no longer allocated. Returns how many closed.
 */
export async function closeUnpostedBookings(
  ctx: AppContext,
  handler: RegisteredHandler,
  handlerOf: HandlerOf,
) {
  const today = beijingDate(ctx.clock.now());
  let closed = 0;
  for (const cityCode of await cityCodes(ctx.db)) {
    const { values } = await policyIn(ctx.db, ['exam.max-bookings'], today, cityCode);
    const maxBookings = values['exam.max-bookings'] ?? 5;
    for (;;) {
      const due = await unpostedBookings(ctx.db, { cityCode, today, limit: BATCH });
      let now = 0;
      for (const b of due) {
        now += await closeOne(ctx, { handler, handlerOf }, b, { today, maxBookings });
      }
      closed += now;
      // One that could not be closed stays allocated: do not loop on it.
      if (due.length < BATCH || now === 0) break;
    }
  }
  return closed;
}

async function closeOne(
  ctx: AppContext,
  h: { handler: RegisteredHandler; handlerOf: HandlerOf },
  b: Due,
  on: { today: string; maxBookings: number },
): Promise<number> {
  const app = await applicationById(ctx.db, b.application_id);
  const outlet = app && (await outletSummary(ctx.db, ctx.db, app.outletCode));
  if (!app || !outlet) return 0;
  return await ctx.db.transaction().execute(async (tx) => {
    const by = { data: {}, actor: null, outlet };
    try {
      const ref = { cityCode: b.city_code, id: b.application_id };
      await firePlatformEvent(ctx, tx, h.handler, ref, { code: 'no-show', ...by });
    } catch (e) {
      // Its result came in (or it closed otherwise) since it was read: nothing left to close.
      if (e instanceof AppError && e.code === 'CONFLICT') return 0;
      throw e;
    }
    if (b.subject === 2 || b.subject === 3) await voidIfFifth(ctx, tx, h.handlerOf, b, on, by);
    return 1;
  });
}

/** R162 §47 ¶2: the fifth booking of subject 2 or 3 not passed voids the candidacy's passed subjects. */
async function voidIfFifth(
  ctx: AppContext,
  tx: Tx,
  handlerOf: HandlerOf,
  b: Due,
  on: { today: string; maxBookings: number },
  by: Omit<Parameters<typeof firePlatformEvent>[4], 'code'>,
) {
  const candidate = await openCandidate(tx, b.city_code, b.id_number);
  if (candidate?.applicationId !== b.candidate_id || candidate.status !== 'skills') return;
  const attempts = await attemptsWithNoShows(tx, candidate, on.today);
  if (!progressOf(attempts, on.maxBookings, on.today).voided) return;
  const licenceApply = handlerOf('licence.apply');
  if (!licenceApply) throw new Error('licence.apply is not registered');
  const ref = { cityCode: candidate.cityCode, id: candidate.applicationId };
  await firePlatformEvent(ctx, tx, licenceApply, ref, { code: 'exams-voided', ...by });
}
