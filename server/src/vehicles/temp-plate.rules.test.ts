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
  vin: 'LSVAU2180N2183294',
  ownCity: '520300',
  applicantIdNumber: '520302199003070015',
  applicantName: '张三',
  socialOutlet: false,
  basis: { days: '机动车登记规定 第四十七条', issues: '机动车登记规定 第四十七条' },
};
/** A vehicle on this office's file, the applicant's unless said otherwise. */
const car = (v: Partial<NonNullable<TempPlateFacts['vehicle']>> = {}) => ({
  status: 'normal' as const,
  flags: [] as const,
  plate: '贵CA1234',
  cityCode: '520300',
  ownerIdNumber: base.applicantIdNumber,
  ownerName: base.applicantName,
  movedOut: null,
  ...v,
});
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
      vehicle: car(),
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
      { vehicle: car({ status: 'stolen', flags: ['seized', 'stolen'], plate: null }) },
      { purpose: 'icv-road-test' as const, capped: false },
      { purpose: 'move-out' as const, capped: false, socialOutlet: true },
      { purpose: 'move-out' as const, capped: false, vehicle: car({ cityCode: '520100' }) },
      {
        purpose: 'used-car-export' as const,
        capped: false,
        vehicle: car({
          ownerIdNumber: '520302198806150011',
          movedOut: { to: '520100', on: '2026-11-01' },
        }),
      },
      { vehicle: car({ status: 'deregistered' }) },
      { purpose: 'plate-delay' as const, capped: false, vehicle: car({ ownerName: '李四' }) },
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
    expect(codes({ vehicle: car() })).toEqual(['VEHICLE_ALREADY_REGISTERED']);
    // A deregistered vehicle may not be driven at all: no temporary plate either.
    expect(codes({ vehicle: car({ status: 'deregistered', plate: null }) })).toEqual([
      'VEHICLE_DEREGISTERED',
    ]);
    expect(codes({ vehicle: car({ status: 'stolen' }) })).toEqual([
      'VEHICLE_ALREADY_REGISTERED',
      'VEHICLE_STOLEN',
    ]);
  });

  it('refuses a seized vehicle, and names both flags of one seized and then stolen', () => {
    const export_ = { purpose: 'export' as const };
    expect(
      codes({ ...export_, vehicle: car({ status: 'seized', flags: ['seized'], plate: null }) }),
    ).toEqual(['VEHICLE_ALREADY_REGISTERED', 'VEHICLE_SEIZED']);
    // The registry shows the weightier status; the flags say what else stops it.
    const both = car({ status: 'stolen', flags: ['seized', 'stolen'], plate: null });
    expect(codes({ ...export_, vehicle: both })).toEqual([
      'VEHICLE_ALREADY_REGISTERED',
      'VEHICLE_STOLEN',
      'VEHICLE_SEIZED',
    ]);
  });

  it('applies the unregistered-vehicle rule to every purpose for a vehicle not registered (§§46, 48)', () => {
    for (const purpose of ['export', 'testing', 'oversize', 'icv-road-test'] as const) {
      const f = { purpose, capped: false, approvalValidUntil: '2027-06-30', vehicle: car() };
      expect(codes(f), purpose).toEqual(['VEHICLE_ALREADY_REGISTERED']);
    }
    const [icv] = evaluateRules(ORDERED, {
      ...base,
      purpose: 'icv-road-test',
      capped: false,
      approvalValidUntil: '2027-06-30',
      vehicle: car(),
    });
    expect(icv?.legalBasis).toBe('机动车登记规定 第四十八条');
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

describe('the vehicle each purpose is for (R164 §§18, 27, 28, 46–48)', () => {
  const registeredPurposes = ['move-out', 'used-car-export', 'plate-delay'] as const;
  const forPurpose = (purpose: TempPlateFacts['purpose'], f: Partial<TempPlateFacts> = {}) =>
    codes({ purpose, capped: false, maxIssues: null, ...f });

  it("issues a registered vehicle's purposes to its owner, on this office's file", () => {
    for (const purpose of registeredPurposes) {
      expect(forPurpose(purpose, { vehicle: car() }), purpose).toEqual([]);
      expect(forPurpose(purpose, { vehicle: car({ status: 'mortgaged' }) }), purpose).toEqual([]);
    }
  });

  it('refuses them for a vehicle not on file, of another office, or of someone else', () => {
    for (const purpose of registeredPurposes) {
      expect(forPurpose(purpose), purpose).toEqual(['VEHICLE_NOT_FOUND']);
      expect(forPurpose(purpose, { vehicle: car({ cityCode: '520100' }) }), purpose).toEqual([
        'NOT_IN_JURISDICTION',
      ]);
      const stranger = car({ ownerIdNumber: '520302198806150011' });
      expect(forPurpose(purpose, { vehicle: stranger }), purpose).toEqual(['APPLICANT_NOT_OWNER']);
    }
    const [notOwner] = evaluateRules(ORDERED, {
      ...base,
      purpose: 'used-car-export',
      capped: false,
      vehicle: car({ ownerIdNumber: '520302198806150011' }),
    });
    expect(notOwner?.legalBasis).toBe('机动车登记规定 第二十八条');
    // The owner's number with another name is not the owner either; the name is not disclosed.
    for (const purpose of registeredPurposes) {
      const renamed = car({ ownerName: '李四' });
      expect(forPurpose(purpose, { vehicle: renamed }), purpose).toEqual([
        'APPLICANT_NAME_MISMATCH',
      ]);
    }
    const [misnamed] = evaluateRules(ORDERED, {
      ...base,
      purpose: 'used-car-export',
      capped: false,
      vehicle: car({ ownerName: '李四' }),
    });
    expect(misnamed).toMatchObject({ legalBasis: '机动车登记规定 第二十八条' });
    expect(JSON.stringify(misnamed)).not.toContain('李四');
    // Not asked of a vehicle not registered (a new car's buyer is no owner on file yet).
    expect(codes({ purpose: 'export', vehicle: null })).toEqual([]);
    const [missing] = evaluateRules(ORDERED, { ...base, purpose: 'move-out', capped: false });
    expect(missing?.legalBasis).toBe('机动车登记规定 第十八条、第二十七条');
  });

  it('refuses them for a deregistered, seized, stolen or moved-out vehicle', () => {
    const cases: [Partial<NonNullable<TempPlateFacts['vehicle']>>, string[]][] = [
      [{ status: 'deregistered' }, ['VEHICLE_DEREGISTERED']],
      [{ status: 'seized', flags: ['seized'] }, ['VEHICLE_SEIZED']],
      [{ status: 'stolen', flags: ['stolen'] }, ['VEHICLE_STOLEN']],
      [{ movedOut: { to: '520100', on: '2026-11-01' } }, ['VEHICLE_MOVED_OUT']],
    ];
    for (const purpose of registeredPurposes) {
      for (const [v, expected] of cases) {
        expect(forPurpose(purpose, { vehicle: car(v) }), `${purpose} ${v.status}`).toEqual(
          expected,
        );
      }
    }
  });

  it("lets a dealer's station issue the plates of its new cars only", () => {
    const dealer = { socialOutlet: true };
    expect(codes({ ...dealer })).toEqual([]);
    expect(codes({ ...dealer, purpose: 'export', issued: 0 })).toEqual([]);
    // Otherwise lawful applications, each at the dealer: refused for the outlet alone.
    const others = [
      ['testing', null],
      ['oversize', null],
      ['plate-delay', car()],
      ['used-car-export', car()],
    ] as const;
    for (const [purpose, vehicle] of others) {
      expect(forPurpose(purpose, { ...dealer, vehicle }), purpose).toEqual([
        'OUTLET_SCOPE_EXCEEDED',
      ]);
    }
  });
});

describe('the basis a cap cites', () => {
  it("cites the city's own policy where it set the value (not the article alone)", () => {
    const local =
      '本市政策（“放管服”改革：一次性核发不超过30天，2019-01-01 起施行）；机动车登记规定 第四十七条';
    const [exhausted] = evaluateRules(ORDERED, {
      ...base,
      issued: 1,
      latestUntil: '2026-10-01',
      basis: { days: local, issues: local },
    });
    expect(exhausted).toMatchObject({ code: 'TEMP_PLATE_ISSUES_EXHAUSTED', legalBasis: local });
    const [days] = evaluateRules(ORDERED, {
      ...base,
      days: 31,
      basis: { ...base.basis, days: local },
    });
    expect(days).toMatchObject({ code: 'TEMP_PLATE_DAYS_EXCEEDED', legalBasis: local });
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
