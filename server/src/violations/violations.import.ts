import {
  R163_IN_FORCE,
  violationImportSchema,
  type ViolationImport,
} from '#shared/schemas/violations.ts';
import { audit } from '../audit/audit.service.ts';
import { parseImportLines, writeChunks } from '../http/ndjson.ts';
import { requireImporter } from '../licences/licences.policy.ts';
import { jurisdictionOf } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { beijingDate } from '../platform/time.ts';
import { codeInForce, insertViolations, type ViolationCode } from './violations.repository.ts';

const CHUNK = 500;

/** Why a line that fits the schema is still not a lawful record, or null. */
function lineProblem(v: ViolationImport, code: ViolationCode | null, now: Date): string | null {
  const day = beijingDate(new Date(v.occurredAt));
  if (new Date(v.occurredAt) > now) return `occurredAt: ${v.occurredAt} 晚于当前时间`;
  if (day < '2000-01-01') return `occurredAt: ${v.occurredAt} 早于可导入的最早日期`;
  if (v.points === 2 && day >= R163_IN_FORCE) {
    return 'points: 2分档已于2022年4月1日取消（道路交通安全违法行为记分管理办法 第七条）';
  }
  if (code && v.points !== code.points) {
    return `points: 违法代码 ${v.code} 在 ${day} 的记分分值为 ${code.points} 分，不是 ${v.points} 分`;
  }
  if (code && v.fine !== 0 && (v.fine < code.fineMin || v.fine > code.fineMax)) {
    return `fine: 违法代码 ${v.code} 的罚款幅度为 ${code.fineMin}–${code.fineMax} 元`;
  }
  // A decided record names whom it was decided against: its points are that driver's, and
  // without him no licence takes them and no one owes the fine (R163 §13).
  if (!v.handledBy && (v.status ?? 'unhandled') !== 'unhandled') {
    return `handledBy: 已处理（${v.status}）的违法记录应写明处理人（受处罚的驾驶人的公民身份号码）`;
  }
  if (v.handledBy && (v.status ?? 'unhandled') === 'unhandled') {
    return 'handledBy: 未处理的违法记录不应有处理人';
  }
  if (v.handledOn && (v.status ?? 'unhandled') === 'unhandled') {
    return 'handledOn: 未处理的违法记录不应有处罚决定日期';
  }
  if (v.handledOn && (v.handledOn < day || v.handledOn > beijingDate(now))) {
    return `handledOn: ${v.handledOn} 应在违法发生之日与今天之间`;
  }
  return null;
}

/**
 * NDJSON import of violation records (camera feeds, the legacy platform): each line judged alone
 * against the code table in force on the day it occurred; good lines kept, in chunks of one
 * transaction and one audit record each. Imported handled records write no ledger entry: the
 * points of the cycle in force come with the licences import, and earlier cycles' full scores are
 * read from these records (legacy-full-scores.ts).
 */
export async function importViolations(ctx: AppContext, actor: Actor, ndjson: string) {
  requireImporter(actor);
  const now = ctx.clock.now();
  const j = await jurisdictionOf(ctx.db, ctx.db, actor.cityCode);
  const seen = new Set<string>();
  const { parsed, rejected } = parseImportLines(ndjson, violationImportSchema);
  const shaped: typeof parsed = [];
  for (const item of parsed) {
    if (seen.has(item.value.id)) {
      rejected.push({ line: item.line, error: `id: ${item.value.id} 与本文件前面的记录重复` });
    } else {
      seen.add(item.value.id);
      shaped.push(item);
    }
  }
  // Each good line with the code-table version in force on its day.
  type Judged = { v: ViolationImport; code: ViolationCode | null };
  const good: { line: number; value: Judged }[] = [];
  for (const { line, value } of shaped) {
    const code = await codeInForce(
      ctx.db,
      value.code,
      beijingDate(new Date(value.occurredAt)),
      j.cityCode,
    );
    const problem = lineProblem(value, code, now);
    if (problem) rejected.push({ line, error: problem });
    else good.push({ line, value: { v: value, code } });
  }

  const write = (items: { line: number; value: Judged }[]) =>
    ctx.db.transaction().execute(async (tx) => {
      const inserted = await insertViolations(
        tx,
        items.map(({ value: { v, code } }) => ({
          city_code: j.cityCode,
          id: v.id,
          county_code: j.seatCountyCode,
          plate: v.plate,
          code: v.code,
          occurred_at: new Date(v.occurredAt),
          points: v.points,
          fine: v.fine,
          category: code?.category ?? null,
          status: v.status ?? 'unhandled',
          source: 'import',
          recorded_at: now,
          handled_by: v.handledBy ?? null,
          handled_on: v.handledOn ?? null,
        })),
      );
      await audit(tx, actor, now, {
        action: 'violations.imported',
        entityType: 'import',
        entityId: `violations:${beijingDate(now)}`,
        details: { lines: items.length, imported: inserted.size },
        event: 'violations.imported',
      });
      return inserted;
    });
  return await writeChunks(
    good,
    CHUNK,
    write,
    (g) => g.v.id,
    rejected,
    (g) => `id: 违法记录 ${g.v.id} 已存在`,
  );
}
