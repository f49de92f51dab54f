import { beijingDate } from '../platform/time.ts';
import type { ExamFact, ExamSummaries, ExamSummary, OutcomeSummary } from './exam-port.ts';

type Query = Omit<Parameters<ExamSummary>[1], 'cityCode'>;

const outcomes = (): OutcomeSummary => ({
  baselineN: 0,
  baselineEvents: 0,
  n: 0,
  events: 0,
  outcomes: '',
});

/** One outcome into a unit's baseline or its period; whether it fell in the period. */
function count(u: OutcomeSummary, inPeriod: boolean, passed: boolean) {
  if (!inPeriod) {
    u.baselineN++;
    if (passed) u.baselineEvents++;
    return false;
  }
  u.n++;
  if (passed) u.events++;
  u.outcomes += passed ? '1' : '0';
  return true;
}

function entry<K, V>(map: Map<K, V>, key: K, init: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = init()));
  return v;
}

/**
 * The summaries of exam results row by row, in order of (finishedAt, id): what the licences
 * area's SQL summary computes (`exam-summaries.test.ts` holds them to each other), for a port
 * that serves rows only.
 */
export function summariseExams(rows: readonly ExamFact[], q: Query): ExamSummaries {
  const examiners = new Map<string, ExamSummaries['examiners'][number]>();
  const sites = new Map<string, ExamSummaries['sites'][number]>();
  const examinerDays = new Map<string, ExamSummaries['examinerDays'][number]>();
  const siteDays = new Map<string, ExamSummaries['siteDays'][number]>();
  const note = (list: string[], id: string) => {
    if (list.length < q.examples) list.push(id);
  };
  for (const e of rows) {
    if (e.finishedAt < q.since || e.finishedAt >= q.until) continue;
    const inPeriod = e.finishedAt >= q.from;
    const site = entry(sites, `${e.examSiteCode}|${e.subject}`, () => ({
      examSiteCode: e.examSiteCode,
      subject: e.subject,
      ...outcomes(),
    }));
    count(site, inPeriod, e.passed);
    const examiner = entry(examiners, `${e.examinerId}|${e.subject}`, () => ({
      examinerId: e.examinerId,
      subject: e.subject,
      examSiteCode: e.examSiteCode,
      ...outcomes(),
      short: 0,
      shortExamples: [],
      overrides: 0,
      overrideExamples: [],
    }));
    if (!count(examiner, inPeriod, e.passed)) continue;
    const day = beijingDate(e.finishedAt);
    entry(examinerDays, `${e.examinerId}|${day}`, () => ({
      examinerId: e.examinerId,
      day,
      n: 0,
      firstSiteCode: e.examSiteCode,
    })).n++;
    entry(siteDays, `${e.examSiteCode}|${day}`, () => ({
      examSiteCode: e.examSiteCode,
      day,
      n: 0,
    })).n++;
    if (e.faceMatch !== 'pass' && e.passed) {
      examiner.overrides++;
      note(examiner.overrideExamples, e.id);
    }
    const minutes = (e.finishedAt.getTime() - e.startedAt.getTime()) / 60_000;
    if (q.minMinutes !== null && minutes < q.minMinutes) {
      examiner.short++;
      note(examiner.shortExamples, e.id);
    }
  }
  return {
    examiners: [...examiners.values()],
    sites: [...sites.values()],
    examinerDays: [...examinerDays.values()],
    siteDays: [...siteDays.values()],
  };
}
