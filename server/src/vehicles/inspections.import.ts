import { inspectionImportSchema, type InspectionImport } from '#shared/schemas/vehicles.ts';
import { auditImportChunk } from '../audit/audit.service.ts';
import { parseImportLines, writeChunks } from '../http/ndjson.ts';
import { outletDirectory } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { insertImportedInspections, vinsOfPlates } from './inspections.repository.ts';
import { requireImporter } from './vehicles.policy.ts';
import { newId } from '../platform/ids.ts';

const CHUNK = 500;

/**
 * `POST /imports/inspections` (CONTRACT.md Part 2): inspections of the legacy platform, for
 * supervision. Each line is judged alone: its schema, an inspection station of the
 * administrator's city, finish not before start and not in the future, a plate and VIN that
 * agree with the registry; a legacy id already imported (or repeated in the file), or a report
 * number already taken, is refused. A plate on file gets its VIN, as a station's own record
 * does, so that photo reuse compares the same vehicle across imported and recorded inspections.
 */
export async function importInspections(ctx: AppContext, actor: Actor, ndjson: string) {
  requireImporter(actor);
  const outlets = await outletDirectory(ctx.db, actor.cityCode);
  const now = ctx.clock.now();
  const { parsed, rejected } = parseImportLines(ndjson, inspectionImportSchema);
  const plates = [...new Set(parsed.flatMap(({ value: i }) => (i.plate ? [i.plate] : [])))];
  const vins = await vinsOfPlates(ctx.db, actor.cityCode, plates);
  const good: { line: number; value: InspectionImport; vin: string | null }[] = [];
  const seen = new Set<string>();
  for (const { line, value: i } of parsed) {
    const onFile = i.plate ? vins.get(i.plate) : undefined;
    const reportNo = i.reportNo ?? i.id;
    const error =
      outlets.get(i.stationCode)?.category !== 'inspection-station'
        ? `stationCode: ${i.stationCode} 不是本辖区的检验机构`
        : Date.parse(i.finishedAt) > now.getTime()
          ? 'finishedAt: 结束时间晚于当前时间'
          : onFile && i.vin && onFile !== i.vin
            ? `vin: ${i.vin} 与号牌 ${i.plate} 登记的车辆不符`
            : seen.has(`id:${i.id}`) || seen.has(`report:${reportNo}`)
              ? `id: 与本文件前面的记录重复（${i.id}）`
              : null;
    if (error) rejected.push({ line, error });
    else {
      seen.add(`id:${i.id}`).add(`report:${reportNo}`);
      good.push({ line, value: i, vin: onFile ?? i.vin ?? null });
    }
  }
  const vinOf = new Map(good.map((g) => [g.value.id, g.vin]));
  const write = (items: { line: number; value: InspectionImport }[]) =>
    ctx.db.transaction().execute(async (tx) => {
      const inserted = await insertImportedInspections(
        tx,
        items.map(({ value: i }) => ({
          city_code: actor.cityCode,
          id: newId(),
          report_no: i.reportNo ?? i.id,
          county_code: outlets.get(i.stationCode)!.countyCode,
          outlet_code: i.stationCode,
          vin: vinOf.get(i.id) ?? null,
          plate: i.plate ?? null,
          result: i.result,
          items: JSON.stringify(i.items),
          started_at: new Date(i.startedAt),
          finished_at: new Date(i.finishedAt),
          inspector: i.inspector,
          photo_hashes: (i.photoHashes ?? []).map((h) => h.toLowerCase()),
          recorded_by: actor.username,
          recorded_at: now,
          source: 'import',
          import_id: i.id,
        })),
      );
      await auditImportChunk(tx, actor, now, 'inspections', {
        lines: items.length,
        imported: inserted.size,
      });
      return inserted;
    });
  return await writeChunks(
    good,
    CHUNK,
    write,
    (i) => i.id,
    rejected,
    (i) => `检验编号 ${i.id}（报告编号 ${i.reportNo ?? i.id}）已导入`,
  );
}
