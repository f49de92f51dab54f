import { describe, expect, it } from 'vitest';
import { evaluateRules, orderRules } from '../applications/rules.ts';
import { TEMP_PLATE_RULES, validUntilOf, type TempPlateFacts } from './temp-plate.rules.ts';

const base: TempPlateFacts = {
  purpose: 'unregistered',
  days: 30,
  today: '2026-11-26',
  insuranceValidUntil: '2027-11-25',
  maxDays: 30,
  maxIssues: 1,
  issued: 0,
  latestUntil: null,
  vehicle: null,
  capped: true,
  approvalValidUntil: null,
};
const CHINESE = /[\u4e00-\u9fa5]/;
const codes = (f: Partial<TempPlateFacts>) =>
  evaluateRules(ORDERED, { ...base, ...f }).map((i) => i.code);
const ORDERED = orderRules(TEMP_PLATE_RULES);

describe('temporary plate rules (R164 §§46–47)', () => {
  it('counts validity in calendar days including the day of issue', () => {
    expect(validUntilOf({ today: '2026-11-26', days: 30 })).toBe('2026-12-25');
    expect(validUntilOf({ today: '2026-02-27', days: 2 })).toBe('2026-02-28');
  });

  it('passes a 30-day first issue under the reformed policy', () => {
    expect(codes({})).toEqual([]);
  });

  it('allows exactly the maximum ("以内" includes the number)', () => {
    expect(codes({ days: 30, maxDays: 30 })).toEqual([]);
    expect(codes({ days: 31, maxDays: 30 })).toEqual(['TEMP_PLATE_DAYS_EXCEEDED']);
  });

  it('keeps validity within the compulsory insurance, up to its last day', () => {
    expect(codes({ insuranceValidUntil: '2026-12-25' })).toEqual([]);
    expect(codes({ insuranceValidUntil: '2026-12-24' })).toEqual(['TEMP_PLATE_BEYOND_INSURANCE']);
  });

  it('suggests the longest validity the insurance allows', () => {
    const [item] = evaluateRules(TEMP_PLATE_RULES, { ...base, insuranceValidUntil: '2026-12-10' });
    expect(item?.remedy).toContain('15 天');
    expect(item?.remedyEn).toBe(
      'Shorten the validity to at most 15 days, or renew the compulsory insurance and apply again.',
    );
  });

  it('words every refusal in Chinese and in English with the same figures', () => {
    expect(evaluateRules(TEMP_PLATE_RULES, { ...base, days: 45 })).toEqual([
      {
        code: 'TEMP_PLATE_DAYS_EXCEEDED',
        message: '申请的有效期 45 天超过规定上限 30 天',
        legalBasis: '机动车登记规定 第四十七条',
        remedy: '请将有效期调整为不超过 30 天',
        messageEn: 'The requested validity of 45 days exceeds the maximum of 30 days.',
        remedyEn: 'Shorten the validity to at most 30 days.',
      },
    ]);
    const [beyond] = evaluateRules(TEMP_PLATE_RULES, {
      ...base,
      insuranceValidUntil: '2026-12-10',
    });
    expect(beyond?.messageEn).toBe(
      'The temporary plate would be valid until 2026-12-25, beyond the compulsory insurance, which is valid until 2026-12-10.',
    );
    const [exhausted] = evaluateRules(TEMP_PLATE_RULES, {
      ...base,
      purpose: 'export',
      issued: 1,
      latestUntil: '2026-10-01',
    });
    expect(exhausted?.messageEn).toBe(
      'This vehicle has already been issued 1 temporary plate for export; the limit is 1.',
    );
    const [registered] = evaluateRules(TEMP_PLATE_RULES, {
      ...base,
      vehicle: { status: 'normal', flags: [], plate: '贵CA1234' },
    });
    expect(registered?.messageEn).toBe(
      'This vehicle is already registered (plate number 贵CA1234), so it is not an unregistered vehicle.',
    );

    const everything = [
      { maxDays: null, maxIssues: null },
      {
        days: 45,
        insuranceValidUntil: '2026-12-10',
        issued: 2,
        maxIssues: 2,
        latestUntil: '2026-12-01',
      },
      { insuranceValidUntil: '2026-11-25' },
      { purpose: 'export' as const, issued: 1 },
      { vehicle: { status: 'stolen', flags: ['seized', 'stolen'] as const, plate: null } },
      { purpose: 'icv-road-test' as const, capped: false },
    ].flatMap((f) => evaluateRules(TEMP_PLATE_RULES, { ...base, ...f }));
    expect(new Set(everything.map((i) => i.code)).size).toBe(TEMP_PLATE_RULES.length);
    for (const item of everything) {
      for (const text of [item.messageEn, item.remedyEn]) {
        expect(text).not.toBe('');
        expect(text).not.toMatch(CHINESE);
      }
    }
  });

  it('refuses expired insurance once, not also as beyond insurance', () => {
    expect(codes({ insuranceValidUntil: '2026-11-25' })).toEqual(['INSURANCE_EXPIRED']);
    expect(codes({ insuranceValidUntil: '2026-11-26', days: 1 })).toEqual([]);
  });

  it('limits the number of issues per purpose', () => {
    expect(codes({ issued: 1, maxIssues: 1, latestUntil: '2026-10-01' })).toEqual([
      'TEMP_PLATE_ISSUES_EXHAUSTED',
    ]);
    expect(codes({ issued: 1, maxIssues: 2, latestUntil: '2026-10-01' })).toEqual([]);
  });

  it('refuses a second plate while one is still valid', () => {
    expect(codes({ issued: 1, maxIssues: 3, latestUntil: '2026-11-26' })).toEqual([
      'TEMP_PLATE_STILL_VALID',
    ]);
  });

  it('refuses registered and stolen vehicles for the unregistered purpose', () => {
    expect(codes({ vehicle: { status: 'normal', flags: [], plate: '贵CA1234' } })).toEqual([
      'VEHICLE_ALREADY_REGISTERED',
    ]);
    expect(codes({ vehicle: { status: 'deregistered', flags: [], plate: null } })).toEqual([]);
    expect(codes({ vehicle: { status: 'stolen', flags: [], plate: '贵CA1234' } })).toEqual([
      'VEHICLE_ALREADY_REGISTERED',
      'VEHICLE_STOLEN',
    ]);
  });

  it('refuses a seized vehicle, and names both flags of one seized and then stolen', () => {
    const export_ = { purpose: 'export' as const };
    expect(
      codes({ ...export_, vehicle: { status: 'seized', flags: ['seized'], plate: null } }),
    ).toEqual(['VEHICLE_SEIZED']);
    // The registry shows the weightier status; the flags say what else stops it.
    const both = { status: 'stolen' as const, flags: ['seized', 'stolen'] as const, plate: null };
    expect(codes({ ...export_, vehicle: both })).toEqual(['VEHICLE_STOLEN', 'VEHICLE_SEIZED']);
  });

  it('does not apply the unregistered-vehicle rule to exports', () => {
    expect(
      codes({ purpose: 'export', vehicle: { status: 'normal', flags: [], plate: '贵CA1234' } }),
    ).toEqual([]);
  });

  it('refuses when the policy is not configured rather than guessing', () => {
    expect(codes({ maxDays: null, maxIssues: null })).toEqual(['POLICY_NOT_CONFIGURED']);
  });

  it('collects every failing condition at once', () => {
    expect(
      codes({ days: 45, insuranceValidUntil: '2026-12-10', issued: 1, latestUntil: '2026-12-01' }),
    ).toEqual([
      'TEMP_PLATE_DAYS_EXCEEDED',
      'TEMP_PLATE_BEYOND_INSURANCE',
      'TEMP_PLATE_ISSUES_EXHAUSTED',
      'TEMP_PLATE_STILL_VALID',
    ]);
  });
});

describe('every purpose of §2.3 with its own cap', () => {
  it('has no cap on issues for purposes the law gives none', () => {
    expect(
      codes({
        purpose: 'oversize',
        maxDays: 90,
        days: 90,
        capped: false,
        maxIssues: null,
        issued: 7,
      }),
    ).toEqual([]);
  });

  it('keeps an ICV road-test plate within the approved period (§48)', () => {
    const icv = {
      purpose: 'icv-road-test' as const,
      maxDays: 181,
      days: 60,
      capped: false,
      maxIssues: null,
    };
    expect(codes(icv)).toEqual(['TEMP_PLATE_BEYOND_APPROVAL']);
    expect(codes({ ...icv, approvalValidUntil: '2026-12-31' })).toEqual([
      'TEMP_PLATE_BEYOND_APPROVAL',
    ]);
    expect(codes({ ...icv, approvalValidUntil: '2027-06-30' })).toEqual([]);
  });
});

describe('caps of each purpose from policy', () => {
  it('counts a cap in months as calendar months from today', async () => {
    const { capsFor } = await import('./temp-plate-purposes.ts');
    const policy = {
      'temp-plate.testing.max-months': 6,
      'temp-plate.unregistered.max-days': 30,
      'temp-plate.unregistered.max-issues': 3,
    } as unknown as Parameters<typeof capsFor>[1];
    expect(capsFor('testing', policy, '2026-11-26')).toEqual({
      maxDays: 181,
      maxIssues: null,
      capped: false,
    });
    expect(capsFor('unregistered', policy, '2026-11-26')).toEqual({
      maxDays: 30,
      maxIssues: 3,
      capped: true,
    });
  });
});
