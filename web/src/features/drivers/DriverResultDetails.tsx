import { Descriptions } from 'antd';
import type { ReactNode } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { formatInstant } from '../../lib/dates.ts';

/** What the driver business types put in `result` besides documents (shared/src/schemas/results.ts). */
interface DriverResult {
  points?: number;
  fine?: number;
  cyclePoints?: number;
  fullScore?: { studyDays: number; subjects: number[]; cancelledClasses: string[] };
  lateFee?: number;
  deadline?: string;
  paidAt?: string;
  reduced?: number;
  reducedThisCycle?: number;
  validUntil?: string | null;
  validityTerm?: '6y' | '10y' | 'long-term';
  classes?: string[];
  class?: string;
  learnerPermit?: { issuedOn: string; validUntil: string };
  earliestOn?: string;
  session?: { examSiteCode: string; examDate: string; rank: number };
}

const DRIVER_TYPES = [
  'violation.handle',
  'fine.pay',
  'points.reduce',
  'licence.renew',
  'licence.apply',
  'exam.book',
];

/** The outcome of a driver business (points, fines, validity, permit, session) under its result. */
export function DriverResultDetails({
  businessType,
  result,
}: {
  businessType: string;
  result: unknown;
}) {
  const { t } = useLanguage();
  if (!DRIVER_TYPES.includes(businessType) || !result) return null;
  const r = result as DriverResult;
  const items: { key: string; label: string; children: ReactNode }[] = [];
  const add = (key: string, label: string, value: ReactNode) =>
    items.push({ key, label, children: <span data-testid={`result-${key}`}>{value}</span> });
  if (r.points !== undefined) add('points', t('driver.result.points'), r.points);
  if (r.fine !== undefined) add('fine', t('driver.result.fine'), r.fine);
  if (r.cyclePoints !== undefined)
    add('cyclePoints', t('driver.result.cyclePoints'), r.cyclePoints);
  if (r.fullScore) {
    const subjects = r.fullScore.subjects
      .map((s) => t(`driver.subjects.${s}`))
      .join(t('common.listSeparator'));
    add(
      'fullScore',
      t('driver.result.fullScore'),
      t('driver.result.fullScoreText', { days: r.fullScore.studyDays, subjects }),
    );
    if (r.fullScore.cancelledClasses.length) {
      add(
        'cancelledClasses',
        t('driver.result.cancelledClasses'),
        r.fullScore.cancelledClasses.join(', '),
      );
    }
  }
  if (r.lateFee !== undefined) add('lateFee', t('driver.result.lateFee'), r.lateFee);
  if (r.deadline) add('deadline', t('driver.result.deadline'), r.deadline);
  if (r.paidAt) add('paidAt', t('driver.result.paidAt'), formatInstant(r.paidAt));
  if (r.reduced !== undefined) add('reduced', t('driver.result.reduced'), r.reduced);
  if (r.reducedThisCycle !== undefined)
    add('reducedThisCycle', t('driver.result.reducedThisCycle'), r.reducedThisCycle);
  if (r.validityTerm) {
    add('validUntil', t('driver.result.validUntil'), r.validUntil ?? t('driver.result.longTerm'));
    add(
      'validityTerm',
      t('driver.result.validityTerm'),
      t(`driver.result.terms.${r.validityTerm}`),
    );
  }
  if (r.classes) add('classes', t('driver.result.classes'), r.classes.join(', '));
  if (r.class) add('class', t('driver.result.class'), r.class);
  if (r.learnerPermit) {
    add(
      'learnerPermit',
      t('driver.result.learnerPermit'),
      `${r.learnerPermit.issuedOn} ~ ${r.learnerPermit.validUntil}`,
    );
  }
  if (r.earliestOn) add('earliestOn', t('driver.result.earliestOn'), r.earliestOn);
  if (r.session) {
    add(
      'session',
      t('driver.result.session'),
      `${r.session.examSiteCode} · ${r.session.examDate} · ${t('driver.result.rank', { rank: r.session.rank })}`,
    );
  }
  if (!items.length) return null;
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      title={t('driver.result.title')}
      items={items}
      className="driver-result"
    />
  );
}
