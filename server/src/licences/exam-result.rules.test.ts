import { describe, expect, it } from 'vitest';
import { evaluateRules, orderRules } from '../applications/rules.ts';
import { EXAM_RESULT_RULES, type ResultFacts } from './exam-result.rules.ts';

const facts = (o: Partial<ResultFacts> = {}): ResultFacts => ({
  subject: 2,
  class: 'C1',
  passed: true,
  faceMatch: 'pass',
  examDay: '2026-12-06',
  examSiteCode: '520302-EX-001',
  candidate: {
    class: 'C1',
    status: 'skills',
    permitIssuedOn: '2026-11-26',
    permitValidUntil: '2029-11-25',
  },
  passedSubjects: [],
  lastFailedOn: null,
  holdsCarLicence: false,
  booking: { attempts: 0, passed: false },
  ...o,
});
const codes = (f: ResultFacts) =>
  evaluateRules(orderRules(EXAM_RESULT_RULES), f).map((i) => i.code);

describe('whether an exam result counts', () => {
  it('counts subjects 2 and 3 from their waits after the permit (R162 §§43–44)', () => {
    expect(codes(facts())).toEqual([]);
    expect(codes(facts({ examDay: '2026-12-05' }))).toEqual(['RESULT_TOO_EARLY']);
    expect(codes(facts({ subject: 3, examDay: '2026-12-25' }))).toEqual(['RESULT_TOO_EARLY']);
    expect(codes(facts({ subject: 3, examDay: '2026-12-26' }))).toEqual([]);
  });

  it('counts a new booking from the 10th day after the failed one (R162 §47)', () => {
    const failed = { examDay: '2026-12-15', lastFailedOn: '2026-12-06' };
    expect(codes(facts(failed))).toEqual(['RESULT_TOO_EARLY']);
    expect(codes(facts({ ...failed, examDay: '2026-12-16' }))).toEqual([]);
  });

  it('counts only within a booking allocated to the session, one test and one retake (R162 §§39, 47)', () => {
    expect(codes(facts({ booking: null }))).toEqual(['RESULT_NOT_BOOKED']);
    expect(codes(facts({ booking: { attempts: 1, passed: false } }))).toEqual([]);
    expect(codes(facts({ booking: { attempts: 2, passed: false } }))).toEqual([
      'RESULT_BOOKING_USED',
    ]);
    expect(codes(facts({ booking: { attempts: 1, passed: true } }))).toEqual([
      'RESULT_BOOKING_USED',
    ]);
    // Without a candidacy there is no booking to speak of: one reason, not two.
    expect(codes(facts({ candidate: null, booking: null }))).toEqual(['RESULT_NO_APPLICATION']);
  });

  it('counts subject 4 once subjects 2 and 3 are passed, the same day too (R162 §39)', () => {
    expect(codes(facts({ subject: 4 }))).toEqual(['RESULT_SUBJECT_NOT_YET']);
    expect(codes(facts({ subject: 4, passedSubjects: [2] }))).toEqual(['RESULT_SUBJECT_NOT_YET']);
    expect(codes(facts({ subject: 4, passedSubjects: [2, 3] }))).toEqual([]);
  });

  it('keeps the stage, the class, the identity and the permit', () => {
    expect(codes(facts({ candidate: null }))).toEqual(['RESULT_NO_APPLICATION']);
    expect(codes(facts({ class: 'C2' }))).toEqual(['RESULT_CLASS_MISMATCH']);
    expect(codes(facts({ faceMatch: 'fail' }))).toEqual(['RESULT_FACE_MISMATCH']);
    expect(codes(facts({ faceMatch: 'fail', passed: false }))).toEqual([]);
    expect(codes(facts({ subject: 1 }))).toEqual(['RESULT_SUBJECT_STAGE']);
    const theory = {
      class: 'C1' as const,
      status: 'theory',
      permitIssuedOn: null,
      permitValidUntil: null,
    };
    expect(codes(facts({ candidate: theory }))).toEqual(['RESULT_SUBJECT_STAGE']);
    expect(codes(facts({ candidate: theory, subject: 1 }))).toEqual([]);
    expect(codes(facts({ examDay: '2029-11-26' }))).toEqual(['RESULT_AFTER_PERMIT']);
  });
});
