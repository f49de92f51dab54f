import { describe, expect, it } from 'vitest';
import { evaluateRules, orderRules } from '../applications/rules.ts';
import { EXAM_BOOK_RULES, earliestOn, lawfulFrom, type BookFacts } from './exam-book.rules.ts';

const facts = (o: Partial<BookFacts> = {}): BookFacts => ({
  subject: 4,
  today: '2026-12-20',
  preferredDates: [],
  candidate: {
    class: 'C1',
    status: 'skills',
    permitIssuedOn: '2026-11-26',
    permitValidUntil: '2029-11-25',
  },
  passed: [],
  bookings: 0,
  maxBookings: 5,
  subject3Booked: false,
  lastFailedOn: null,
  holdsCarLicence: false,
  applicantName: '考生',
  registeredName: '考生',
  hasOpenBooking: false,
  examSite: null,
  openSites: [],
  ...o,
});
const codes = (f: BookFacts) => evaluateRules(orderRules(EXAM_BOOK_RULES), f).map((i) => i.code);

describe('exam.book rules', () => {
  it('books subject 4 only with subject 2 passed and subject 3 passed or booked (R162 §39)', () => {
    expect(codes(facts())).toEqual(['SUBJECT_NOT_YET']);
    expect(codes(facts({ passed: [2] }))).toEqual(['SUBJECT_NOT_YET']);
    expect(codes(facts({ passed: [3] }))).toEqual(['SUBJECT_NOT_YET']);
    expect(codes(facts({ subject3Booked: true }))).toEqual(['SUBJECT_NOT_YET']);
    expect(codes(facts({ passed: [2], subject3Booked: true }))).toEqual([]);
    expect(codes(facts({ passed: [2, 3] }))).toEqual([]);
    // Subjects 2 and 3 keep their own order: either may come first.
    expect(codes(facts({ subject: 3 }))).toEqual([]);
  });

  it('waits after the permit and after a failed booking, whatever today is', () => {
    const c = {
      class: 'C1' as const,
      permitIssuedOn: '2026-11-26',
      lastFailedOn: null,
      holdsCarLicence: false,
    };
    expect(lawfulFrom({ ...c, subject: 2 })).toBe('2026-12-06');
    expect(lawfulFrom({ ...c, subject: 3 })).toBe('2026-12-26');
    expect(lawfulFrom({ ...c, subject: 3, class: 'B2' })).toBe('2027-01-05');
    // R162 §44: 30 days, not 40, for a holder of a car-class licence adding a large class.
    const upgrade = { ...c, subject: 3, holdsCarLicence: true };
    expect(lawfulFrom({ ...upgrade, class: 'B1' })).toBe('2026-12-26');
    expect(lawfulFrom({ ...upgrade, class: 'A1' })).toBe('2026-12-26');
    expect(lawfulFrom({ ...upgrade, subject: 2, class: 'B1' })).toBe('2026-12-16');
    expect(lawfulFrom({ ...upgrade, class: 'C1' })).toBe('2026-12-26');
    expect(lawfulFrom({ ...c, subject: 2, lastFailedOn: '2026-12-20' })).toBe('2026-12-30');
    expect(lawfulFrom({ ...c, subject: 4 })).toBeNull();
    expect(lawfulFrom({ ...c, subject: 1 })).toBeNull();
    // A booking is for tomorrow at the earliest.
    expect(earliestOn(facts({ subject: 2 }))).toBe('2026-12-21');
    expect(earliestOn(facts({ subject: 3 }))).toBe('2026-12-26');
  });
});
