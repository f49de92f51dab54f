import { z } from 'zod';
import { addCalendarDays } from '#shared/dates.ts';
import { effectiveLicenceStatus, type LicenceClass } from '#shared/licences.ts';
import { defineEvent, defineHandler, type EventDecision } from '../applications/handler.ts';
import type { Tx } from '../db/database.ts';
import { activeOutletsIn, outletStanding } from '../network/network.service.ts';
import {
  bookingOf,
  findSession,
  insertBooking,
  openBookingOf,
  setBooking,
  unpostedExamDays,
} from './bookings.repository.ts';
import { applicationById } from '../applications/applications.service.ts';
import { carLicenceIn } from './car-licence.ts';
import { licenceOf } from './licences.service.ts';
import { closeUnpostedBookings } from './exam-no-shows.ts';
import { EXAM_BOOK_RULES, earliestOn, type BookFacts } from './exam-book.rules.ts';
import { bookingsOf, lastFailedOn, withUnpostedDays } from './exam-progress.ts';
import { countedResults, openCandidate, type Candidate } from './exams.repository.ts';

const TYPE = 'exam.book';
const R162 = '机动车驾驶证申领和使用规定';

type LoadedFacts = BookFacts & { record: Candidate | null };

/** How many of the city's exam sites a refusal names to choose from. */
const SITES_NAMED = 5;

/**
 * The exam site a booking names, read fresh from the network (a suspension acts at once), and,
 * only when it is not an open exam site of the city, the ones that are.
 */
async function siteFacts(
  tx: Tx,
  cityCode: string,
  code: string | undefined,
): Promise<Pick<BookFacts, 'examSite' | 'openSites'>> {
  if (code === undefined) return { examSite: null, openSites: [] };
  const outlet = await outletStanding(tx, code);
  const standing =
    outlet?.cityCode !== cityCode || outlet.category !== 'exam-site'
      ? 'unknown'
      : outlet.status === 'active'
        ? 'open'
        : 'suspended';
  if (standing === 'open') return { examSite: { code, standing }, openSites: [] };
  const open = await activeOutletsIn(tx, {
    cityCode,
    countyCode: null,
    categories: ['exam-site'],
    limit: SITES_NAMED,
  });
  return {
    examSite: { code, standing },
    openSites: open.map((s) => ({ code: s.code, name: s.name })),
  };
}

/** The booking behind an event's application. */
async function bookingFor(tx: Tx, d: EventDecision<typeof TYPE, unknown, never>) {
  const b = await bookingOf(tx, d.application.cityCode, d.application.id);
  if (!b) throw new Error(`exam.book ${d.application.id} has no booking`);
  return b;
}

/** An event that closes the booking with a status and leaves the result as it was. */
const closeAs =
  (status: 'taken' | 'expired' | 'withdrawn', to: 'completed' | 'expired' | 'withdrawn') =>
  async (tx: Tx, d: EventDecision<typeof TYPE, unknown, never>) => {
    const b = await bookingFor(tx, d);
    await setBooking(tx, { cityCode: b.city_code, applicationId: b.application_id, status });
    return {
      to,
      result: d.application.result,
      audit: {
        entityType: 'application',
        entityId: d.application.id,
        details: { idNumber: b.id_number, subject: b.subject, booking: status },
      },
    };
  };

/** A platform event that closes the booking as expired: it takes no data and checks nothing. */
const expiring = () =>
  defineEvent(TYPE, {
    data: z.object({}),
    policyKeys: [],
    load: async () => ({}),
    rules: [],
    apply: closeAs('expired', 'expired'),
  });

/**
 * 考试预约 (R162 §§39, 43–47): the candidate books a subject with preferred dates; the booking
 * waits until a session of the subject closes and the ranking allocates it a place
 * (licences/exam-sessions.service.ts); then the exam is taken or the booking cancelled at least
 * a day before. A no-show is a fail, whether the exam site's result says so or its day passes
 * with nothing posted (then the nightly sweep closes the booking, exam-no-shows.ts).
 */
export const examBookHandler = defineHandler({
  type: TYPE,
  policyKeys: ['exam.max-bookings'],
  lockKey: (_data, applicant) => `driver:${applicant.idNumber}`,
  async load(tx, d): Promise<LoadedFacts> {
    const city = d.jurisdiction.cityCode;
    const candidate = await openCandidate(tx, city, d.applicant.idNumber);
    const licence = await licenceOf(tx, d.applicant.idNumber);
    const results = candidate ? await countedResults(tx, city, candidate.applicationId) : [];
    const subject = d.data.subject;
    const unposted = candidate
      ? await unpostedExamDays(tx, {
          cityCode: city,
          candidateId: candidate.applicationId,
          subject,
          today: d.today,
        })
      : [];
    const mine = withUnpostedDays(
      results.filter((r) => r.subject === subject),
      unposted,
    );
    // A new booking is for tomorrow at the earliest, when today's booking is over whether or not
    // its retake is taken: a single fail today already ends it for the 10-day wait (R162 §47).
    const over = addCalendarDays(d.today, 1);
    const person = { cityCode: city, idNumber: d.applicant.idNumber, today: d.today };
    const used = bookingsOf(mine, over);
    return {
      subject: d.data.subject,
      today: d.today,
      preferredDates: [...new Set(d.data.preferredDates ?? [])].sort(),
      record: candidate,
      candidate: candidate && {
        class: candidate.class as LicenceClass,
        status: candidate.status === 'skills' ? 'skills' : 'theory',
        permitIssuedOn: candidate.permitIssuedOn,
        permitValidUntil: candidate.permitValidUntil,
      },
      passed: [...new Set(results.filter((r) => r.passed).map((r) => r.subject))],
      bookings: used.bookings,
      maxBookings: d.policy['exam.max-bookings'],
      lastFailedOn: lastFailedOn(mine, over),
      holdsCarLicence:
        candidate !== null &&
        carLicenceIn(licence, { subject: d.data.subject, class: candidate.class, today: d.today }),
      applicantName: d.applicant.name,
      // The name the person is on file under: the licence's, or else the licence application's.
      registeredName:
        licence?.name ??
        (candidate && (await applicationById(tx, candidate.applicationId))?.applicant.name) ??
        null,
      hasOpenBooking: (await openBookingOf(tx, { ...person, subject })) !== undefined,
      fullScore:
        licence !== null &&
        effectiveLicenceStatus(licence.status, licence.validUntil, d.today) === 'full-score',
      subject3Booked:
        subject === 4 && (await openBookingOf(tx, { ...person, subject: 3 })) !== undefined,
      ...(await siteFacts(tx, city, d.data.examSiteCode)),
    };
  },
  rules: EXAM_BOOK_RULES,
  async apply(tx, d, facts: LoadedFacts, tools) {
    const candidate = facts.record;
    if (!candidate) throw new Error('effects ran for a booking without a candidacy');
    const first = earliestOn(facts);
    await insertBooking(tx, {
      cityCode: d.jurisdiction.cityCode,
      applicationId: tools.applicationId,
      candidateId: candidate.applicationId,
      idNumber: d.applicant.idNumber,
      subject: d.data.subject,
      examSiteCode: d.data.examSiteCode ?? null,
      preferredDates: facts.preferredDates,
      earliestOn: first,
      bookedAt: d.now,
    });
    const receipt = await tools.issue('acceptance-notice', d.applicant.idNumber);
    return {
      status: 'accepted',
      result: { documents: [receipt], subject: d.data.subject, earliestOn: first },
      audit: {
        entityType: 'licence',
        entityId: d.applicant.idNumber,
        details: {
          subject: d.data.subject,
          earliestOn: first,
          preferredDates: facts.preferredDates,
        },
      },
    };
  },
  events: {
    allocated: defineEvent(TYPE, {
      data: z.object({
        sessionId: z.string().uuid(),
        examSiteCode: z.string(),
        examDate: z.string(),
        rank: z.number().int().min(1),
      }),
      policyKeys: [],
      load: async () => ({}),
      rules: [],
      async apply(tx, d) {
        const b = await bookingFor(tx, d);
        const session = { id: d.event.sessionId, rank: d.event.rank };
        await setBooking(tx, {
          cityCode: b.city_code,
          applicationId: b.application_id,
          status: 'allocated',
          session,
        });
        return {
          to: { stage: 'booked' },
          result: {
            ...d.application.result,
            session: { ...session, examSiteCode: d.event.examSiteCode, examDate: d.event.examDate },
          },
          audit: {
            entityType: 'application',
            entityId: d.application.id,
            details: { sessionId: session.id, rank: session.rank, examDate: d.event.examDate },
          },
        };
      },
    }),
    cancel: defineEvent(TYPE, {
      data: z.object({}),
      policyKeys: [],
      async load(tx, d) {
        const b = await bookingFor(tx, d);
        const session = b.session_id ? await findSession(tx, b.city_code, b.session_id) : null;
        return { today: d.today, examDate: session?.examDate ?? null };
      },
      rules: [
        {
          code: 'CANCEL_TOO_LATE',
          legalBasis: `${R162} 第四十六条`,
          check: (f: { today: string; examDate: string | null }) =>
            f.examDate && f.today >= f.examDate
              ? {
                  message: `考试日期为 ${f.examDate}，应在考试前一日前取消预约`,
                  remedy: '未按时取消又未参加考试的，按缺考处理，视为考试不合格',
                  messageEn: `The exam is on ${f.examDate}; a booking must be cancelled by the day before.`,
                  remedyEn:
                    'Not cancelled in time and not attended counts as a no-show, which is a fail.',
                }
              : null,
        },
      ],
      async apply(tx, d) {
        const b = await bookingFor(tx, d);
        await setBooking(tx, {
          cityCode: b.city_code,
          applicationId: b.application_id,
          status: 'cancelled',
          cancelledAt: d.now,
        });
        return {
          to: 'withdrawn',
          result: d.application.result,
          audit: {
            entityType: 'application',
            entityId: d.application.id,
            details: { idNumber: b.id_number, subject: b.subject, booking: 'cancelled' },
          },
        };
      },
    }),
    'exam-taken': defineEvent(TYPE, {
      data: z.object({ resultId: z.string().uuid() }),
      policyKeys: [],
      load: async () => ({}),
      rules: [],
      apply: closeAs('taken', 'completed'),
    }),
    // `expired` with its session: the day passed with nothing posted (unpostedExamDays).
    'no-show': expiring(),
    'not-allocated': expiring(),
  },
  sweep: closeUnpostedBookings,
  async onWithdraw(tx, d) {
    return await closeAs('withdrawn', 'withdrawn')(tx, d);
  },
});
