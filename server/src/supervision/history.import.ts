import { historyImportSchema, type HistoryImport } from '#shared/schemas/supervision.ts';
import { auditImportChunk } from '../audit/audit.service.ts';
import { parseImportLines, writeChunks } from '../http/ndjson.ts';
import { outletDirectory } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { insertLegacy } from './history.repository.ts';
import { requireImporter } from './supervision.policy.ts';

const CHUNK = 500;

/**
 * `POST /imports/applications-history`: business done on the legacy platform, for supervision
 * and anti-fraud. A line must name an outlet of the administrator's city and a time already
 * past (history, not a business yet to come); a repeated id is rejected as already imported.
 */
export async function importHistory(ctx: AppContext, actor: Actor, ndjson: string) {
  requireImporter(actor);
  const outlets = await outletDirectory(ctx.db, actor.cityCode);
  const now = ctx.clock.now();
  const { parsed, rejected } = parseImportLines(ndjson, historyImportSchema);
  const good: { line: number; value: HistoryImport }[] = [];
  for (const item of parsed) {
    const { outletCode, submittedAt } = item.value;
    const error = !outlets.has(outletCode)
      ? `outletCode: ${outletCode} 不是本辖区的网点`
      : Date.parse(submittedAt) > now.getTime()
        ? `submittedAt: ${submittedAt} 晚于当前时间`
        : null;
    if (error) rejected.push({ line: item.line, error });
    else good.push(item);
  }
  const write = (items: { line: number; value: HistoryImport }[]) =>
    ctx.db.transaction().execute(async (tx) => {
      const inserted = await insertLegacy(
        tx,
        items.map(({ value: h }) => ({
          city_code: actor.cityCode,
          id: h.id,
          business_type: h.businessType,
          outlet_code: h.outletCode,
          county_code: outlets.get(h.outletCode)!.countyCode,
          staff_id: h.staffId,
          channel: h.channel,
          applicant_id_number: h.applicant.idNumber,
          applicant_name: h.applicant.name,
          applicant_phone: h.applicant.phone ?? null,
          agent: h.agent ? JSON.stringify(h.agent) : null,
          device_id: h.deviceId ?? null,
          plate: h.plate ?? null,
          submitted_at: new Date(h.submittedAt),
          status: h.status,
          imported_at: now,
        })),
      );
      await auditImportChunk(tx, actor, now, 'applications-history', {
        lines: items.length,
        imported: inserted.size,
      });
      return inserted;
    });
  return await writeChunks(
    good,
    CHUNK,
    write,
    (h) => h.id,
    rejected,
    (h) => `业务编号 ${h.id} 已导入`,
  );
}
