import { describe, expect, it } from 'vitest';
import {
  AGREEMENT_BUSINESS,
  DEMO_ACCOUNT_OUTLETS,
  DEMO_SUPERVISOR_COUNTY,
  DETACHMENT_CODE,
  HQ_OUTLET_CODE,
  INTERNET_CENTRE_CODE,
  apportionPostPoints,
  brigadeCode,
  buildZunyiNetwork,
  type AgreementKind,
  type DemoOutlet,
  type OutletCategory,
} from './zunyi-network.ts';
import { referenceJurisdiction } from '../network/jurisdiction-reference.ts';
import { COUNTY_POPULATION_10K } from './zunyi-names.ts';
import { ZUNYI_CITY, ZUNYI_COUNTIES, ZUNYI_URBAN_DISTRICTS } from './zunyi-regions.ts';

const network = buildZunyiNetwork();
const { organisations, outlets, agreements } = network;
const byCode = new Map(outlets.map((o) => [o.code, o]));
const ofCategory = (category: OutletCategory): DemoOutlet[] =>
  outlets.filter((o) => o.category === category);
const outlet = (code: string): DemoOutlet => {
  const found = byCode.get(code);
  if (!found) throw new Error(`no outlet ${code}`);
  return found;
};
const TODAY = '2026-11-26';
const URBAN = ZUNYI_URBAN_DISTRICTS;

describe('Zunyi regions', () => {
  it('has the city and its 14 counties with GB/T 2260 codes', () => {
    expect(ZUNYI_CITY).toEqual({ code: '520300', name: '遵义市', nameEn: 'Zunyi City' });
    expect(ZUNYI_COUNTIES.map((c) => c.code)).toEqual([
      '520302',
      '520303',
      '520304',
      '520322',
      '520323',
      '520324',
      '520325',
      '520326',
      '520327',
      '520328',
      '520329',
      '520330',
      '520381',
      '520382',
    ]);
    const daozhen = ZUNYI_COUNTIES.find((c) => c.code === '520325');
    expect(daozhen).toMatchObject({ name: '道真仡佬族苗族自治县', shortName: '道真县' });
    expect(ZUNYI_COUNTIES.find((c) => c.code === '520326')?.shortName).toBe('务川县');
    expect(ZUNYI_COUNTIES[0]?.nameEn).toBe('Honghuagang District');
  });
});

describe('Zunyi demo network', () => {
  it('is deterministic', () => {
    expect(buildZunyiNetwork()).toEqual(network);
  });

  it('has the article counts per category', () => {
    const expected: Record<OutletCategory, number> = {
      'city-office': 1,
      'branch-office': 2,
      'county-office': 11,
      'service-centre': 14,
      'police-window': 40,
      dealer: 31,
      'used-car-market': 3,
      'registration-station': 14,
      'inspection-station': 43,
      bank: 20,
      insurer: 9,
      post: 217,
      hospital: 4,
      'exam-site': 5,
      internet: 1,
    };
    for (const [category, count] of Object.entries(expected)) {
      expect(ofCategory(category as OutletCategory), category).toHaveLength(count);
    }
    expect(outlets).toHaveLength(Object.values(expected).reduce((a, b) => a + b, 0));
  });

  it('has 10 banks, 1 of them 警银联动, and 10 auto-finance firms', () => {
    const banks = ofCategory('bank');
    expect(banks.filter((b) => b.kindLabel === '汽车金融公司')).toHaveLength(10);
    expect(banks.filter((b) => b.kindLabel !== '汽车金融公司')).toHaveLength(10);
    expect(banks.filter((b) => b.kindLabel === '警银联动')).toHaveLength(1);
  });

  it('has 216 警邮 points plus one 警医邮 point, shared out by population', () => {
    const posts = ofCategory('post');
    expect(posts.filter((p) => p.kindLabel === '警医邮')).toHaveLength(1);
    expect(posts.filter((p) => p.kindLabel === undefined)).toHaveLength(216);
    const shares = apportionPostPoints();
    expect([...shares.values()].reduce((a, b) => a + b, 0)).toBe(216);
    for (const p of posts) expect(p.name.startsWith('中国邮政集团有限公司')).toBe(true);
    const total = ZUNYI_COUNTIES.reduce((sum, c) => sum + (COUNTY_POPULATION_10K[c.code] ?? 0), 0);
    for (const county of ZUNYI_COUNTIES) {
      const quota = ((COUNTY_POPULATION_10K[county.code] ?? 0) * 216) / total;
      const share = shares.get(county.code) ?? 0;
      expect(Math.abs(share - quota), county.name).toBeLessThan(1);
      const here = posts.filter((p) => p.countyCode === county.code && p.kindLabel === undefined);
      expect(here).toHaveLength(share);
    }
    // every 警邮 point is named after a real township or neighbourhood, none is just numbered
    expect(posts.filter((p) => /第\d+营业所$/.test(p.name))).toEqual([]);
  });

  it('places the offices where the article puts them', () => {
    const hq = outlet(HQ_OUTLET_CODE);
    expect(hq).toMatchObject({ category: 'city-office', countyCode: '520302', parentCode: null });
    // One name for the office on a paper: its heading (the jurisdiction's) and its seal (the outlet's).
    expect(hq.name).toBe(referenceJurisdiction(ZUNYI_CITY.code).jurisdiction.officeName);
    const branches = ofCategory('branch-office');
    expect(branches.map((b) => b.countyCode).sort()).toEqual(['520303', '520304']);
    expect(branches.find((b) => b.countyCode === '520303')?.name).toContain('泥桥业务大厅');
    expect(branches.find((b) => b.countyCode === '520304')?.name).toContain('二分所');
    const countyOffices = ofCategory('county-office').map((o) => o.countyCode);
    expect(countyOffices.sort()).toEqual(
      ZUNYI_COUNTIES.map((c) => c.code).filter((c) => !URBAN.includes(c)),
    );
    expect(outlet(INTERNET_CENTRE_CODE)).toMatchObject({
      category: 'internet',
      countyCode: '520302',
    });
  });

  it('has unique, well-formed outlet codes', () => {
    expect(new Set(outlets.map((o) => o.code)).size).toBe(outlets.length);
    expect(new Set(outlets.map((o) => o.name)).size).toBe(outlets.length);
    for (const o of outlets) {
      if (o.category === 'internet') {
        expect(o.code).toBe('NET');
        continue;
      }
      expect(o.code).toMatch(/^\d{6}-[A-Z]{2}-\d{3}$/);
      expect(o.code.startsWith(`${o.countyCode}-`)).toBe(true);
    }
    // serials per (county, category) run 001, 002, … without gaps
    const groups = new Map<string, string[]>();
    for (const o of outlets.filter((x) => x.category !== 'internet')) {
      const key = o.code.slice(0, 9);
      groups.set(key, [...(groups.get(key) ?? []), o.code.slice(10)]);
    }
    for (const serials of groups.values()) {
      expect(serials).toEqual(serials.map((_, i) => String(i + 1).padStart(3, '0')));
    }
  });

  it('links every parent and organisation', () => {
    const orgCodes = new Set(organisations.map((o) => o.code));
    expect(orgCodes.size).toBe(organisations.length);
    expect(organisations.filter((o) => o.kind === 'detachment')).toEqual([
      {
        code: DETACHMENT_CODE,
        name: '遵义市公安局交通警察支队',
        kind: 'detachment',
        countyCode: null,
        parentCode: null,
      },
    ]);
    const brigades = organisations.filter((o) => o.kind === 'brigade');
    expect(brigades.map((b) => b.code)).toEqual(ZUNYI_COUNTIES.map((c) => brigadeCode(c.code)));
    for (const b of brigades) expect(b.parentCode).toBe(DETACHMENT_CODE);

    const office: Record<string, string> = {
      '520302': HQ_OUTLET_CODE,
      '520303': '520303-BO-001',
      '520304': '520304-BO-001',
    };
    for (const o of ofCategory('county-office')) office[o.countyCode] = o.code;
    const cityLevel: OutletCategory[] = ['city-office', 'branch-office', 'internet'];
    for (const o of outlets) {
      expect(orgCodes.has(o.organisationCode), o.code).toBe(true);
      if (o.parentCode !== null) expect(byCode.has(o.parentCode), o.code).toBe(true);
      if (cityLevel.includes(o.category)) {
        expect(o.organisationCode).toBe(DETACHMENT_CODE);
      } else {
        expect(o.organisationCode).toBe(brigadeCode(o.countyCode));
      }
      if (o.category === 'city-office') expect(o.parentCode).toBeNull();
      else if (['branch-office', 'county-office', 'internet'].includes(o.category))
        expect(o.parentCode).toBe(HQ_OUTLET_CODE);
      else expect(o.parentCode, o.code).toBe(office[o.countyCode]);
    }
  });

  it('gives every county a service centre, police windows and post points', () => {
    for (const county of ZUNYI_COUNTIES) {
      for (const category of [
        'service-centre',
        'police-window',
        'post',
        'registration-station',
        'inspection-station',
      ] as const) {
        const here = ofCategory(category).filter((o) => o.countyCode === county.code);
        expect(here.length, `${county.name} ${category}`).toBeGreaterThanOrEqual(1);
      }
      expect(ofCategory('service-centre').filter((o) => o.countyCode === county.code)).toHaveLength(
        1,
      );
    }
  });

  it('has addresses in the county, deterministic phones and valid hours', () => {
    const names = new Map(ZUNYI_COUNTIES.map((c) => [c.code, c.name]));
    const time = /^([01]\d|2[0-3]):[0-5]\d$/;
    for (const o of outlets) {
      expect(o.address.startsWith(`遵义市${names.get(o.countyCode) ?? '?'}`), o.address).toBe(true);
      expect(o.phone).toMatch(/^0851-2\d{7}$/);
      const { weekdays, saturday, sunday } = o.hours;
      for (const s of [...weekdays, ...saturday, ...sunday]) {
        expect(s.open).toMatch(time);
        expect(s.close).toMatch(time);
        expect(s.open < s.close).toBe(true);
      }
    }
    expect(new Set(outlets.map((o) => o.phone)).size).toBe(outlets.length);
  });

  it('opens the police offices at weekends, the HQ late and on holidays', () => {
    const hq = outlet(HQ_OUTLET_CODE).hours;
    expect(hq.weekdays).toEqual([
      { open: '08:30', close: '12:00' },
      { open: '14:00', close: '17:30' },
    ]);
    expect(hq).toMatchObject({ holidays: true, extendedUntil: '19:00' });
    expect(outlet('520303-BO-001').hours.holidays).toBe(true);
    for (const o of [
      ...ofCategory('city-office'),
      ...ofCategory('branch-office'),
      ...ofCategory('county-office'),
    ]) {
      expect(o.hours.saturday).toEqual([{ open: '09:00', close: '17:00' }]);
      expect(o.hours.sunday).toEqual([{ open: '09:00', close: '17:00' }]);
    }
    for (const b of ofCategory('bank'))
      expect([...b.hours.saturday, ...b.hours.sunday]).toEqual([]);
    for (const p of ofCategory('post')) {
      expect(p.hours.saturday.length).toBeGreaterThan(0);
      expect(p.hours.sunday).toEqual([]);
    }
    for (const d of ofCategory('dealer')) {
      for (const day of [d.hours.weekdays, d.hours.saturday, d.hours.sunday])
        expect(day).toEqual([{ open: '09:00', close: '18:00' }]);
    }
  });
});

describe('Zunyi demo agreements', () => {
  const ofKind = (kind: string) => agreements.filter((a) => a.kind === kind);

  it('has one agreement per partner with the right business', () => {
    expect(new Set(agreements.map((a) => a.code)).size).toBe(agreements.length);
    expect(new Set(agreements.map((a) => a.partnerName)).size).toBe(agreements.length);
    for (const a of agreements) expect(a.code).toMatch(new RegExp(`^AG-${a.kind}-\\d{3}$`));
    expect(ofKind('bank')).toHaveLength(20);
    expect(ofKind('insurance')).toHaveLength(9);
    expect(ofKind('post')).toHaveLength(1);
    expect(ofKind('hospital')).toHaveLength(4);
    for (const a of ofKind('bank')) expect(a.businessTypes).toEqual(AGREEMENT_BUSINESS.bank);
    for (const a of ofKind('insurance'))
      expect(a.businessTypes).toEqual(['vehicle.inspection-mark', 'vehicle.licence-reissue']);
    for (const a of ofKind('hospital')) expect(a.businessTypes).toEqual(['licence.renew']);
    const [post] = ofKind('post');
    expect(post?.outletCodes.sort()).toEqual(
      ofCategory('post')
        .map((p) => p.code)
        .sort(),
    );
    expect(post?.businessTypes).toHaveLength(5);
  });

  it('covers every social outlet that needs an agreement exactly once', () => {
    const covered = agreements.flatMap((a) => a.outletCodes);
    expect(new Set(covered).size).toBe(covered.length);
    const expected: Record<string, AgreementKind> = {
      dealer: 'enterprise',
      'used-car-market': 'enterprise',
      'registration-station': 'enterprise',
      bank: 'bank',
      insurer: 'insurance',
      post: 'post',
      hospital: 'hospital',
    };
    const kindOf = new Map(agreements.flatMap((a) => a.outletCodes.map((c) => [c, a] as const)));
    for (const o of outlets) {
      const kind = expected[o.category];
      if (kind === undefined) expect(kindOf.has(o.code), o.code).toBe(false);
      else expect(kindOf.get(o.code)?.kind, o.code).toBe(kind);
    }
    for (const o of ofCategory('used-car-market'))
      expect(kindOf.get(o.code)?.businessTypes).toEqual(['vehicle.transfer']);
    for (const o of ofCategory('registration-station')) {
      expect(kindOf.get(o.code)?.businessTypes).toEqual(['vehicle.register', 'vehicle.temp-plate']);
    }
    for (const o of ofCategory('dealer'))
      expect(kindOf.get(o.code)?.businessTypes).toEqual(['vehicle.temp-plate', 'vehicle.register']);
  });

  it('references existing outlets and is in force on 2026-11-26', () => {
    const date = /^\d{4}-\d{2}-\d{2}$/;
    for (const a of agreements) {
      expect(a.outletCodes.length).toBeGreaterThan(0);
      for (const code of a.outletCodes) expect(byCode.has(code), `${a.code} → ${code}`).toBe(true);
      for (const d of [a.signedOn, a.validFrom, a.validUntil]) {
        expect(d).toMatch(date);
        expect(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d);
      }
      expect(a.signedOn >= '2018-10-01' && a.signedOn <= '2019-06-30', a.signedOn).toBe(true);
      expect(a.signedOn <= a.validFrom).toBe(true);
      expect(a.validFrom <= TODAY && TODAY <= a.validUntil).toBe(true);
      expect(a.validUntil >= '2027-12-31').toBe(true);
    }
  });
});

describe('demo accounts', () => {
  it('point at outlets of the right category', () => {
    const expected: Record<keyof typeof DEMO_ACCOUNT_OUTLETS, OutletCategory> = {
      'clerk.city': 'city-office',
      'clerk.county': 'county-office',
      'clerk.police': 'police-window',
      'clerk.dealer': 'dealer',
      'clerk.market': 'used-car-market',
      'clerk.bank': 'bank',
      'clerk.insurer': 'insurer',
      'clerk.post': 'post',
      'clerk.hospital': 'hospital',
      'clerk.station': 'inspection-station',
      'clerk.exam': 'exam-site',
    };
    for (const [user, category] of Object.entries(expected)) {
      const code = DEMO_ACCOUNT_OUTLETS[user as keyof typeof DEMO_ACCOUNT_OUTLETS];
      expect(outlet(code).category, user).toBe(category);
    }
    expect(DEMO_SUPERVISOR_COUNTY).toBe('520322');
    expect(DEMO_ACCOUNT_OUTLETS['clerk.city']).toBe(HQ_OUTLET_CODE);
    expect(DEMO_ACCOUNT_OUTLETS['clerk.county']).toBe('520322-KO-001');
    for (const user of ['clerk.county', 'clerk.police', 'clerk.post'] as const) {
      expect(outlet(DEMO_ACCOUNT_OUTLETS[user]).countyCode).toBe(DEMO_SUPERVISOR_COUNTY);
    }
    expect(outlet(DEMO_ACCOUNT_OUTLETS['clerk.bank']).kindLabel).not.toBe('汽车金融公司');
    expect(outlet(DEMO_ACCOUNT_OUTLETS['clerk.hospital']).name).toBe('遵义医科大学附属医院体检点');
  });
});
