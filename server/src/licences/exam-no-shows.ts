import { applicationById } from '../applications/applications.service.ts';
import type { RegisteredHandler } from '../applications/handler.ts';
import { firePlatformEvent } from '../applications/lifecycle.service.ts';
import { cityCodes, outletSummary } from '../network/network.service.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { beijingDate } from '../platform/time.ts';
import { unpostedBookings } from './bookings.repository.ts';

const BATCH = 200;

/**
 * The night after an exam day: every booking allocated to a session of a day that is over, with
 * no result posted, ends as a no-show (缺考, R162 §46: a fail; §47: the booking ends), each in its
 * own transaction, by the platform at the booking's outlet. The exam site posts the candidates who
 * came; one who did not come must not keep the booking open for ever. Running it again changes
 * nothing: a closed booking is no longer allocated. Returns how many closed.
 */
export async function closeUnpostedBookings(ctx: AppContext, handler: RegisteredHandler) {
  const today = beijingDate(ctx.clock.now());
  let closed = 0;
  for (const cityCode of await cityCodes(ctx.db)) {
    for (;;) {
      const due = await unpostedBookings(ctx.db, { cityCode, today, limit: BATCH });
      let now = 0;
      for (const b of due) now += await closeOne(ctx, handler, b.application_id, cityCode);
      closed += now;
      // One that could not be closed stays allocated: do not loop on it.
      if (due.length < BATCH || now === 0) break;
    }
  }
  return closed;
}

async function closeOne(
  ctx: AppContext,
  handler: RegisteredHandler,
  id: string,
  cityCode: string,
): Promise<number> {
  const app = await applicationById(ctx.db, id);
  const outlet = app && (await outletSummary(ctx.db, ctx.db, app.outletCode));
  if (!outlet) return 0;
  return await ctx.db.transaction().execute(async (tx) => {
    try {
      await firePlatformEvent(
        ctx,
        tx,
        handler,
        { cityCode, id },
        {
          code: 'no-show',
          data: {},
          actor: null,
          outlet,
        },
      );
      return 1;
    } catch (e) {
      // Its result came in (or it closed otherwise) since it was read: nothing left to close.
      if (e instanceof AppError && e.code === 'CONFLICT') return 0;
      throw e;
    }
  });
}
