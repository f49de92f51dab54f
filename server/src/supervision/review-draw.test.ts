import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ExamFact } from './exam-port.ts';
import { drawValue, sampleForReview } from './review-draw.ts';

const exam = (i: number, over: Partial<ExamFact> = {}): ExamFact => ({
  id: `EX${String(i).padStart(6, '0')}`,
  idNumber: '520302199003070015',
  subject: 3,
  examSiteCode: i % 10 === 0 ? 'SITE-B' : 'SITE-A',
  examinerId: `K${i % 20}`,
  passed: true,
  faceMatch: 'pass',
  startedAt: new Date('2026-11-25T09:00:00+08:00'),
  finishedAt: new Date('2026-11-25T09:20:00+08:00'),
  recordingRef: `rec/${i}.mp4`,
  ...over,
});

describe('review draw', () => {
  it('u is the first 13 hex digits of HMAC-SHA256(seed, exam id) over 16^13', () => {
    const hex = crypto.createHmac('sha256', 'seed-1').update('EX000001').digest('hex');
    expect(drawValue('seed-1', 'EX000001')).toBe(parseInt(hex.slice(0, 13), 16) / 16 ** 13);
    expect(drawValue('seed-1', 'EX000001')).not.toBe(drawValue('seed-2', 'EX000001'));
  });

  it('draws about the base rate, more from flagged units, the same exams for the same seed', () => {
    const exams = Array.from({ length: 20_000 }, (_, i) => exam(i));
    const flagged = { examiners: new Set(['K7']), sites: new Set(['SITE-B']) };
    const picks = sampleForReview(exams, 'day-seed', { base: 0.02, flagged: 0.2 }, flagged);
    const random = picks.filter((p) => p.reason === 'random');
    const extra = picks.filter((p) => p.reason === 'flagged');
    // Flagged: SITE-B (every tenth exam, 2,000) plus K7 outside it (1,000 − its SITE-B share 0):
    // K7 = i % 20 = 7 never has i % 10 = 0, so 3,000 flagged exams at 20 %: about 600.
    // The other 17,000 at 2 %: about 340. Binomial SDs 22 and 18: ±5 SD bounds.
    expect(extra.length).toBeGreaterThan(600 - 110);
    expect(extra.length).toBeLessThan(600 + 110);
    expect(random.length).toBeGreaterThan(340 - 90);
    expect(random.length).toBeLessThan(340 + 90);
    expect(extra.every((p) => p.exam.examinerId === 'K7' || p.exam.examSiteCode === 'SITE-B')).toBe(
      true,
    );
    const again = sampleForReview(exams, 'day-seed', { base: 0.02, flagged: 0.2 }, flagged);
    expect(again.map((p) => p.exam.id)).toEqual(picks.map((p) => p.exam.id));
    const other = sampleForReview(exams, 'other-seed', { base: 0.02, flagged: 0.2 }, flagged);
    expect(other.map((p) => p.exam.id)).not.toEqual(picks.map((p) => p.exam.id));
  });

  it('never draws an exam without a recording', () => {
    const picks = sampleForReview(
      [exam(1, { recordingRef: null })],
      's',
      { base: 1, flagged: 1 },
      { examiners: new Set(), sites: new Set() },
    );
    expect(picks).toEqual([]);
  });
});
