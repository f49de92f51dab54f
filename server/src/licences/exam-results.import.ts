import { examResultImportSchema, type ExamResultImport } from '#shared/schemas/exams.ts';
import { channelOf } from '../applications/pipeline.ts';
import { auditImportChunk } from '../audit/audit.service.ts';
import { parseImportLines, writeChunks } from '../http/ndjson.ts';
import { outletDirectory } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { passMark } from './exam-progress.ts';
import { resultColumns } from './exam-results.service.ts';
import { insertImportedResults } from './exams.repository.ts';
import { requireImporter } from './licences.policy.ts';
import { newId } from '../platform/ids.ts';

const CHUNK = 500;

/**
 * `POST /imports/exam-results` (CONTRACT.md Part 2): exam results of the legacy platform, for
 * supervision. Each line is judged alone: its schema, an exam site of the administrator's city,
 * finish not before start and not in the future, `passed` agreeing with the subject's pass mark;
 * a legacy id already imported (or repeated in the file) is refused. Results are stored where the
 * exam sites' results are, marked `source = import`, and move no application on: they are
 * history, not a candidate's progress (`counted` false).
 */
export async function importExamResults(ctx: AppContext, actor: Actor, ndjson: string) {
  requireImporter(actor);
  const outlets = await outletDirectory(ctx.db, actor.cityCode);
  const now = ctx.clock.now();
  const { parsed, rejected } = parseImportLines(ndjson, examResultImportSchema);
  const good: { line: number; value: ExamResultImport }[] = [];
  const seen = new Set<string>();
  for (const { line, value: r } of parsed) {
    const site = outlets.get(r.examSiteCode);
    const mark = passMark(r.subject, r.class);
    const error =
      site?.category !== 'exam-site'
        ? `examSiteCode: ${r.examSiteCode} 不是本辖区的考试场`
        : Date.parse(r.finishedAt) > now.getTime()
          ? 'finishedAt: 结束时间晚于当前时间'
          : r.passed !== (!r.absent && r.score >= mark)
            ? `passed: 科目${r.subject}合格分数线为 ${mark} 分，passed 与成绩不符`
            : seen.has(r.id)
              ? `id: 与本文件前面的记录重复（${r.id}）`
              : null;
    if (error) rejected.push({ line, error });
    else {
      seen.add(r.id);
      good.push({ line, value: r });
    }
  }
  const write = (items: { line: number; value: ExamResultImport }[]) =>
    ctx.db.transaction().execute(async (tx) => {
      const inserted = await insertImportedResults(
        tx,
        items.map(({ value: r }) => ({
          city_code: actor.cityCode,
          id: newId(),
          import_id: r.id,
          ...resultColumns(r),
          application_id: null,
          counted: false,
          source: 'import',
          recorded_by: actor.userId,
          channel: channelOf(outlets.get(r.examSiteCode)!.category),
          recorded_at: now,
        })),
      );
      await auditImportChunk(tx, actor, now, 'exam-results', {
        lines: items.length,
        imported: inserted.size,
      });
      return inserted;
    });
  return await writeChunks(
    good,
    CHUNK,
    write,
    (r) => r.id,
    rejected,
    (r) => `考试成绩编号 ${r.id} 已导入`,
  );
}
