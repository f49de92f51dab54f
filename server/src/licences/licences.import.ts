import { addYears, ageOn } from '#shared/dates.ts';
import { FULL_SCORE, LICENCE_CLASS_INFO, type LicenceClass } from '#shared/licences.ts';
import { licenceImportSchema, type LicenceImport } from '#shared/schemas/licences.ts';
import { parseIdNumber } from '#shared/validators/index.ts';
import { audit } from '../audit/audit.service.ts';
import { parseImportLines, writeChunks } from '../http/ndjson.ts';
import { countiesOf, jurisdictionOf } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { beijingDate } from '../platform/time.ts';
import { insertLicenceEvents } from './history.repository.ts';
import { requireImporter } from './licences.policy.ts';
import { insertLicences, type LicenceRecord } from './licences.repository.ts';
import { probationEnd } from './licences.service.ts';
import type { DriverPoints } from './points-port.ts';

const CHUNK = 500;

/** Why a line that fits the schema still cannot be a licence, or null. */
function lineProblem(l: LicenceImport, today: string): string | null {
  const birth = parseIdNumber(l.idNumber);
  if (!birth.ok) return 'idNumber: 公民身份号码无效';
  if (l.firstIssuedOn > today) return `firstIssuedOn: ${l.firstIssuedOn} 晚于今天`;
  const youngest = Math.min(...l.classes.map((c) => LICENCE_CLASS_INFO[c].minAge));
  if (ageOn(birth.value.birthDate, l.firstIssuedOn) < Math.min(youngest, 18)) {
    return `firstIssuedOn: 初次领证时未满18周岁（机动车驾驶证申领和使用规定 第十四条）`;
  }
  if (l.validUntil !== null && l.validUntil <= l.firstIssuedOn) {
    return `validUntil: ${l.validUntil} 不晚于初次领证日期`;
  }
  if (l.status === 'expired' && (l.validUntil === null || l.validUntil >= today)) {
    return `status: 有效期至 ${l.validUntil ?? '长期'} 的驾驶证不是 expired`;
  }
  if ((l.revokedOn || l.revocationCause) && l.status !== 'revoked') {
    return 'revokedOn, revocationCause: 只有 revoked（吊销）的驾驶证才有吊销日期和原因';
  }
  if (l.revokedOn && (l.revokedOn > today || l.revokedOn < l.firstIssuedOn)) {
    return `revokedOn: ${l.revokedOn} 应在初次领证日期与今天之间`;
  }
  if (l.validityTerm === 'long-term' && l.validUntil !== null) {
    return 'validityTerm: 长期有效的驾驶证不应有截止日期';
  }
  // 12 points are a full score, which detains the licence (R163 §17): a status saying
  // otherwise, or a full score without its points, contradicts the line.
  const points = l.points ?? 0;
  if (l.status === 'valid' && points >= FULL_SCORE) {
    return `status: 本记分周期已记 ${points} 分（满12分）的驾驶证不是 valid，应为 full-score（道路交通安全违法行为记分管理办法 第十七条）`;
  }
  if (l.status === 'full-score' && points < FULL_SCORE) {
    return `points: full-score（满分）的驾驶证本记分周期应已记满12分，不是 ${points} 分`;
  }
  return null;
}

/** The registry record of a good line, in the importing administrator's city. */
function recordOf(
  l: LicenceImport,
  city: { cityCode: string; seatCountyCode: string; counties: ReadonlySet<string> },
  today: string,
): LicenceRecord {
  const region = l.idNumber.slice(0, 6);
  const term =
    l.validityTerm ??
    (l.validUntil === null
      ? 'long-term'
      : l.validUntil <= addYears(l.firstIssuedOn, 6)
        ? '6y'
        : '10y');
  return {
    cityCode: city.cityCode,
    countyCode: city.counties.has(region) ? region : city.seatCountyCode,
    idNumber: l.idNumber,
    name: l.name,
    licenceNo: l.licenceNo,
    classes: l.classes as LicenceClass[],
    classSince: Object.fromEntries(l.classes.map((c) => [c, l.firstIssuedOn])),
    // `expired` is read from the validity, never stored; a full score is reached by the points
    // when they are recorded (recordImported), as on the platform.
    status: !l.status || l.status === 'expired' || l.status === 'full-score' ? 'valid' : l.status,
    // A revocation's bar runs from its day (R162 §15); the import day when the platform had none.
    statusSince: l.revokedOn ?? today,
    revocationCause: l.revocationCause ?? null,
    firstIssuedOn: l.firstIssuedOn,
    validityTerm: term,
    validUntil: l.validUntil,
    probationUntil: probationEnd(l.firstIssuedOn),
  };
}

/**
 * NDJSON import of the legacy licence registry (CONTRACT.md "Imports"): each line judged alone,
 * good lines kept in chunks of one transaction and one audit record each; the legacy points of
 * the cycle in force go to the points ledger, and 12 or more of them are a full score reached on
 * the import day (the licence detained, a full-score record opened, as on the platform).
 */
export async function importLicences(
  ctx: AppContext,
  actor: Actor,
  ndjson: string,
  points: DriverPoints,
) {
  requireImporter(actor);
  const now = ctx.clock.now();
  const today = beijingDate(now);
  const j = await jurisdictionOf(ctx.db, ctx.db, actor.cityCode);
  const city = {
    cityCode: j.cityCode,
    seatCountyCode: j.seatCountyCode,
    counties: new Set(await countiesOf(ctx.db, j.cityCode)),
  };
  const seen = new Set<string>();
  const { parsed, rejected } = parseImportLines(ndjson, licenceImportSchema);
  const good: { line: number; value: LicenceImport }[] = [];
  for (const { line, value: l } of parsed) {
    const problem =
      lineProblem(l, today) ??
      (seen.has(l.idNumber) || seen.has(l.licenceNo) ? '与本文件前面的记录重复' : null);
    if (problem) rejected.push({ line, error: problem });
    else {
      seen.add(l.idNumber).add(l.licenceNo);
      good.push({ line, value: l });
    }
  }

  const write = (items: { line: number; value: LicenceImport }[]) =>
    ctx.db.transaction().execute(async (tx) => {
      const records = items.map(({ value }) => recordOf(value, city, today));
      const inserted = await insertLicences(tx, records);
      await insertLicenceEvents(
        tx,
        records
          .filter((r) => inserted.has(r.idNumber))
          .map((r) => ({
            cityCode: r.cityCode,
            idNumber: r.idNumber,
            at: now,
            event: 'imported',
            statusFrom: null,
            statusTo: r.status,
            applicationId: null,
            actor: actor.displayName,
            details: {
              classes: r.classes,
              validUntil: r.validUntil,
              firstIssuedOn: r.firstIssuedOn,
              ...(r.status === 'revoked' && {
                revokedOn: r.statusSince,
                revocationCause: r.revocationCause,
              }),
            },
          })),
      );
      // After the import's own event: 12 points detain the licence imported a moment before.
      for (const [i, { value }] of items.entries()) {
        const record = records[i];
        if (record && inserted.has(value.idNumber) && value.points) {
          await points.recordImported(tx, record, value.points, {
            today,
            now,
            actor: actor.displayName,
          });
        }
      }
      await audit(tx, actor, now, {
        action: 'licences.imported',
        entityType: 'import',
        entityId: `licences:${today}`,
        details: { lines: items.length, imported: inserted.size },
        event: 'licences.imported',
      });
      return inserted;
    });
  return await writeChunks(
    good,
    CHUNK,
    write,
    (l) => l.idNumber,
    rejected,
    (l) => `${l.idNumber} 已有驾驶证档案，或证号 ${l.licenceNo} 已被使用`,
  );
}
