import {
  violationHandlingImportSchema,
  type ViolationHandlingImport,
} from '#shared/schemas/antifraud.ts';
import { auditImportChunk } from '../audit/audit.service.ts';
import { parseImportLines, writeChunks } from '../http/ndjson.ts';
import { jurisdictionOf, outletDirectory } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { insertHandlings } from './antifraud.repository.ts';
import { requireImporter } from './antifraud.policy.ts';

const CHUNK = 500;

/**
 * `POST /imports/violation-handlings` (CONTRACT.md Part 2): who took the points of which record
 * on the legacy platform, for anti-fraud. An outlet, when named, must be one of the
 * administrator's city; a handling without one (online) belongs to the city's seat county. A
 * handling after now is refused (it has not happened). A repeated violation id is rejected as
 * already imported.
 */
export async function importViolationHandlings(ctx: AppContext, actor: Actor, ndjson: string) {
  requireImporter(actor);
  const outlets = await outletDirectory(ctx.db, actor.cityCode);
  const seat = (await jurisdictionOf(ctx.db, ctx.db, actor.cityCode)).seatCountyCode;
  const now = ctx.clock.now();
  const { parsed, rejected } = parseImportLines(ndjson, violationHandlingImportSchema);
  const good: { line: number; value: ViolationHandlingImport }[] = [];
  for (const item of parsed) {
    const { outletCode: code, handledAt } = item.value;
    const error =
      code !== undefined && !outlets.has(code)
        ? `outletCode: ${code} 不是本辖区的网点`
        : Date.parse(handledAt) > now.getTime()
          ? `handledAt: ${handledAt} 晚于当前时间`
          : null;
    if (error) rejected.push({ line: item.line, error });
    else good.push(item);
  }
  const write = (items: { line: number; value: ViolationHandlingImport }[]) =>
    ctx.db.transaction().execute(async (tx) => {
      const inserted = await insertHandlings(
        tx,
        items.map(({ value: h }) => ({
          city_code: actor.cityCode,
          violation_id: h.violationId,
          plate: h.plate,
          owner_id_number: h.ownerIdNumber,
          driver_id_number: h.driverIdNumber,
          points: h.points,
          handled_at: new Date(h.handledAt),
          outlet_code: h.outletCode ?? null,
          county_code: h.outletCode ? outlets.get(h.outletCode)!.countyCode : seat,
          staff_id: h.staffId ?? null,
          channel: h.channel,
          phone: h.phone ?? null,
          device_id: h.deviceId ?? null,
          imported_at: now,
        })),
      );
      await auditImportChunk(tx, actor, now, 'violation-handlings', {
        lines: items.length,
        imported: inserted.size,
      });
      return inserted;
    });
  return await writeChunks(
    good,
    CHUNK,
    write,
    (h) => h.violationId,
    rejected,
    (h) => `违法记录 ${h.violationId} 的处理已导入`,
  );
}
