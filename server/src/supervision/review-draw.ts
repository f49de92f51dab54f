import crypto from 'node:crypto';
import type { ExamFact } from './exam-port.ts';

/**
 * The daily audio/video review draw (issue 10 item 5), pure and reproducible: an exam with a
 * recording gets u = the first 13 hex digits of HMAC-SHA256(key = the day's seed, message = the
 * exam id) ÷ 16¹³, uniform on [0, 1), and is drawn when u is below its rate: the flagged rate
 * when its examiner or exam site has an open exam alert, the base rate otherwise. The same seed
 * draws the same exams, so a day drawn twice adds nothing and the draw can be re-checked; the
 * seed comes from the platform's secret, so exam sites cannot know in advance which exams are
 * drawn.
 */
export function drawValue(seed: string, examId: string): number {
  const hex = crypto.createHmac('sha256', seed).update(examId, 'utf8').digest('hex');
  return parseInt(hex.slice(0, 13), 16) / 16 ** 13;
}

export interface ReviewPick {
  exam: ExamFact & { recordingRef: string };
  reason: 'random' | 'flagged';
  u: number;
}

export function sampleForReview(
  exams: readonly ExamFact[],
  seed: string,
  rates: { base: number; flagged: number },
  flagged: { examiners: ReadonlySet<string>; sites: ReadonlySet<string> },
): ReviewPick[] {
  const picks: ReviewPick[] = [];
  for (const exam of exams) {
    if (!exam.recordingRef) continue;
    const isFlagged =
      flagged.examiners.has(exam.examinerId) || flagged.sites.has(exam.examSiteCode);
    const rate = isFlagged ? Math.max(rates.flagged, rates.base) : rates.base;
    const u = drawValue(seed, exam.id);
    if (u < rate) {
      picks.push({
        exam: { ...exam, recordingRef: exam.recordingRef },
        reason: isFlagged ? 'flagged' : 'random',
        u,
      });
    }
  }
  return picks.sort((a, b) => a.u - b.u || a.exam.id.localeCompare(b.exam.id));
}
