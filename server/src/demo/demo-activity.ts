import crypto from 'node:crypto';
import type { BusinessTypeCode, OutletCategory } from '#shared/catalog.ts';
import { addCalendarDays } from '#shared/dates.ts';
import { seededRandom } from '#shared/random.ts';
import type { ExamResultImport } from '#shared/schemas/exams.ts';
import type { HistoryImport } from '#shared/schemas/supervision.ts';
import type { InspectionImport } from '#shared/schemas/vehicles.ts';
import { DEFAULT_CATEGORY_GRANTS } from '../delegation/default-grants.ts';
import { passMark } from '../licences/exam-progress.ts';
import { demoIdNumber } from './demo-vehicles.ts';
import { ZUNYI_COUNTIES } from './zunyi-regions.ts';

/**
 * Eight weeks of the legacy platform's activity for the demo, so that a supervisor's first look
 * at the supervision centre shows what it is for: honest inspections, exams and window business
 * everywhere, and — as in the article, where 3 of 43 inspection stations were suspended — a few
 * units made to look wrong: a station that passes everything and rushes, one that reuses another
 * vehicle's photo, one that inspects at night; an examiner who passes nearly everyone and lets
 * failed face matches through; an outlet that refuses a third of its business, one that works at
 * night, one 行驶证 reissued again and again. Pure and seeded: the same day gives the same data.
 */
export interface DemoActivityInput {
  /** Beijing date of the start; the activity ends the day before. */
  today: string;
  stations: readonly { code: string; countyCode: string }[];
  examSites: readonly string[];
  outlets: readonly { code: string; category: OutletCategory; countyCode: string }[];
  /** The county of the demo's brigade supervisor: the units routed to a brigade are planted there. */
  brigadeCounty: string;
  vehicles: readonly { plate: string; vin: string }[];
  /** An outlet's sessions on a day (Beijing minutes since midnight); none when it is closed. */
  sessions: (outletCode: string, day: string) => readonly { open: number; close: number }[];
}

export interface DemoActivity {
  from: string;
  to: string;
  inspections: InspectionImport[];
  examResults: ExamResultImport[];
  history: HistoryImport[];
  planted: {
    lenientStation: string;
    photoReuseStation: string;
    nightStation: string;
    lenientExaminer: string;
    refusingOutlet: string;
    nightOutlet: string;
    reissuedPlate: string;
  };
}

export const DEMO_ACTIVITY_DAYS = 56;
const SEED = 20_240_630; // the article's reporting date

/** The instant `minutes` after midnight of a Beijing date, in the API's offset form. */
const at = (day: string, minutes: number) => {
  const m = Math.max(0, Math.min(24 * 60 - 1, Math.round(minutes)));
  return `${day}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00+08:00`;
};
const photo = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

export function buildDemoActivity(input: DemoActivityInput): DemoActivity {
  const random = seededRandom(SEED);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const to = addCalendarDays(input.today, -1);
  const from = addCalendarDays(to, -(DEMO_ACTIVITY_DAYS - 1));
  const days = Array.from({ length: DEMO_ACTIVITY_DAYS }, (_, i) => addCalendarDays(from, i));
  /** A minute inside one of the outlet's sessions that day (longer sessions more likely). */
  const during = (slots: readonly { open: number; close: number }[]) => {
    let left = random() * slots.reduce((a, s) => a + s.close - s.open - 15, 0);
    for (const s of slots) {
      const length = s.close - s.open - 15;
      if (left < length) return s.open + left;
      left -= length;
    }
    return slots[0]!.open;
  };
  // A fresh person each time (a repeat by chance is rare): honest business is not repeated.
  const person = () => {
    const county = pick(ZUNYI_COUNTIES).code;
    const birth = `${1960 + Math.floor(random() * 45)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    return demoIdNumber(county, birth, Math.floor(random() * 1000));
  };

  const inCounty = <T extends { countyCode: string }>(xs: readonly T[]) => {
    const here = xs.filter((x) => x.countyCode === input.brigadeCounty);
    return here.length ? here : xs;
  };
  const [lenientStation, photoReuseStation] = [2, 11].map(
    (i) => input.stations[i % input.stations.length]!.code,
  ) as [string, string];
  const nightStation = inCounty(input.stations).at(-1)!.code;
  const inspections: InspectionImport[] = [];
  for (const { code: station } of input.stations) {
    const passRate = station === lenientStation ? 1 : 0.83 + 0.04 * random();
    const perDay = 6 + Math.floor(random() * 6);
    for (const day of days) {
      const slots = input.sessions(station, day);
      if (!slots.length) continue;
      for (let k = 0; k < perDay; k++) {
        const v = pick(input.vehicles);
        const id = `DEMO-IS-${station}-${day}-${k}`;
        const night = station === nightStation && k === 0 && random() < 0.4;
        const start = night ? 120 + random() * 90 : during(slots);
        const rushed = station === lenientStation && random() < 0.25;
        const passed = random() < passRate;
        inspections.push({
          id,
          stationCode: station,
          plate: v.plate,
          vin: v.vin,
          result: passed ? 'pass' : 'fail',
          items: [
            { code: 'brake', result: passed ? 'pass' : 'fail' },
            { code: 'lights', result: 'pass' },
          ],
          startedAt: at(day, start),
          finishedAt: at(day, start + (rushed ? 3 : 22 + random() * 25)),
          inspector: `检验员${station.slice(-3)}-${(k % 3) + 1}`,
          photoHashes: [photo(id)],
        });
      }
    }
  }
  // Six inspections at one station carry the photo of another vehicle inspected elsewhere.
  const reused = inspections.filter((i) => i.stationCode === photoReuseStation).slice(-6);
  reused.forEach((i, k) => {
    const other = inspections[k * 97]!;
    if (other.vin !== i.vin) i.photoHashes = [...i.photoHashes!, other.photoHashes![0]!];
  });

  const lenientExaminer = `${input.examSites[0]}-E1`;
  const examResults: ExamResultImport[] = [];
  for (const site of input.examSites) {
    for (const day of days) {
      if (!input.sessions(site, day).length) continue;
      for (let k = 0; k < 24; k++) {
        const subject = (k % 3) + 1;
        const examiner = `${site}-E${(k % 4) + 1}`;
        const lenient = examiner === lenientExaminer;
        const passed = random() < (lenient ? 0.97 : [0.78, 0.62, 0.7][subject - 1]!);
        const mark = passMark(subject, 'C1');
        const score = passed
          ? mark + Math.floor(random() * (100 - mark + 1))
          : Math.floor(random() * mark);
        const override = lenient && passed && random() < 0.08;
        const start = 480 + k * 20 + random() * 10;
        examResults.push({
          id: `DEMO-EX-${site}-${day}-${k}`,
          idNumber: person(),
          subject,
          class: 'C1',
          examSiteCode: site,
          examinerId: examiner,
          score,
          passed,
          faceMatch: override ? 'fail' : 'pass',
          startedAt: at(day, start),
          finishedAt: at(day, start + (subject === 1 ? 40 : 15) + random() * 10),
          recordingRef: `rec://${site}/${day}/${k}`,
        });
      }
    }
  }

  const business = input.outlets.filter((o) =>
    (DEFAULT_CATEGORY_GRANTS[o.category] ?? []).some((t) => t !== 'vehicle.inspection-mark'),
  );
  const windows = inCounty(business.filter((o) => o.category === 'police-window'));
  const [nightOutlet, refusingOutlet] = [windows[0]!.code, windows[1]!.code];
  const reissuedPlate = input.vehicles[7]!.plate;
  const history: HistoryImport[] = [];
  let seq = 0;
  const add = (
    outlet: { code: string; category: OutletCategory },
    type: BusinessTypeCode,
    when: string,
    refused: boolean,
    plate?: string,
  ) => {
    const i = seq++;
    history.push({
      id: `DEMO-H-${i}`,
      businessType: type,
      outletCode: outlet.code,
      staffId: `${outlet.code}-S${(i % 3) + 1}`,
      channel: ['police-window', 'city-office', 'county-office'].includes(outlet.category)
        ? 'window'
        : 'social',
      applicant: { idNumber: person(), name: `申请人${i % 1000}` },
      ...(plate ? { plate } : {}),
      submittedAt: when,
      status: refused ? 'refused' : 'completed',
    });
  };
  for (const outlet of business) {
    const types = DEFAULT_CATEGORY_GRANTS[outlet.category].filter(
      (t) => t !== 'vehicle.inspection-mark',
    );
    const perWeek =
      ['city-office', 'branch-office', 'county-office'].includes(outlet.category) ||
      outlet.code === refusingOutlet
        ? 30
        : 4;
    const refusal = outlet.code === refusingOutlet ? 0.35 : 0.04;
    for (const day of days) {
      const slots = input.sessions(outlet.code, day);
      if (!slots.length) continue;
      const n = Math.floor((perWeek / 5) * (0.5 + random()) + random());
      for (let k = 0; k < n; k++) {
        add(outlet, pick(types), at(day, during(slots)), random() < refusal);
      }
      if (outlet.code === nightOutlet && random() < 0.3) {
        add(outlet, pick(types), at(day, 1350 + random() * 60), false);
      }
    }
  }
  // One 行驶证 reissued five times in the last weeks, at different windows.
  for (let k = 0; k < 5; k++) {
    add(
      windows[k % windows.length]!,
      'vehicle.licence-reissue',
      at(days[DEMO_ACTIVITY_DAYS - 1 - k * 4]!, 600),
      false,
      reissuedPlate,
    );
  }

  return {
    from,
    to,
    inspections,
    examResults,
    history,
    planted: {
      lenientStation,
      photoReuseStation,
      nightStation,
      lenientExaminer,
      refusingOutlet,
      nightOutlet,
      reissuedPlate,
    },
  };
}
