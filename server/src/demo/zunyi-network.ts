/**
 * The Zunyi demo network at the real size described in the source article ("1+S+4+E"):
 * police offices and windows, social outlets, and the 警企/警银/警保/警邮/警医 agreements.
 *
 * Pure and deterministic: no database, no clock, no randomness. Calling
 * `buildZunyiNetwork()` twice gives equal (but not shared) data.
 */
import { ZUNYI_COUNTIES, zunyiCounty, type ZunyiCounty } from './zunyi-regions.ts';
import {
  INSPECTION_STATION_COUNTS,
  INSPECTION_TRADE_NAMES,
  POLICE_WINDOWS,
  TOWNSHIPS,
} from './zunyi-names.ts';
import {
  BANKS,
  DEALERS,
  EXAM_SITES,
  FINANCE_FIRMS,
  HOSPITALS,
  INSURERS,
  POLICE_HOSPITAL_POST,
  REGISTRATION_OPERATOR_TRADE_NAMES,
  USED_CAR_MARKETS,
  type PartnerEntry,
} from './zunyi-partners.ts';
import {
  AGREEMENT_BUSINESS,
  CATEGORY_ABBR,
  HOURS,
  agreementTerms,
  apportionPostPoints,
  baseName,
  isDivision,
  pad3,
  phoneFor,
  pick,
  townshipAddress,
} from './zunyi-rules.ts';
import type {
  AgreementKind,
  DemoAgreement,
  DemoNetwork,
  DemoOrganisation,
  DemoOutlet,
  OpeningHours,
  OutletCategory,
} from './zunyi-types.ts';

export type {
  AgreementKind,
  DemoAgreement,
  DemoNetwork,
  DemoOrganisation,
  DemoOutlet,
  OpeningHours,
  OutletCategory,
} from './zunyi-types.ts';
export {
  AGREEMENT_BUSINESS,
  CATEGORY_ABBR,
  POLICE_POST_POINTS,
  apportionPostPoints,
} from './zunyi-rules.ts';

export const DETACHMENT_CODE = 'ZY-ZD';
export const brigadeCode = (countyCode: string): string => `ZY-DD-${countyCode}`;
export const HQ_OUTLET_CODE = '520302-CO-001';
export const INTERNET_CENTRE_CODE = 'NET';

/** Demo user → the outlet the account works at. */
export const DEMO_ACCOUNT_OUTLETS = {
  'clerk.city': HQ_OUTLET_CODE,
  'clerk.county': '520322-KO-001',
  'clerk.police': '520322-PW-001',
  'clerk.dealer': '520303-DL-001',
  'clerk.market': '520303-UM-001',
  'clerk.bank': '520302-BK-001',
  'clerk.insurer': '520302-IN-001',
  'clerk.post': '520322-PO-001',
  'clerk.hospital': '520303-HO-001',
  'clerk.station': '520302-IS-001',
  'clerk.exam': '520302-EX-001',
} as const satisfies Record<string, string>;

/** County supervised by the demo account sup.county (桐梓县). */
export const DEMO_SUPERVISOR_COUNTY = '520322';

export function buildZunyiNetwork(): DemoNetwork {
  const organisations: DemoOrganisation[] = [
    {
      code: DETACHMENT_CODE,
      name: '遵义市公安局交通警察支队',
      kind: 'detachment',
      countyCode: null,
      parentCode: null,
    },
    ...ZUNYI_COUNTIES.map((c): DemoOrganisation => ({
      code: brigadeCode(c.code),
      name: `${c.shortName}交通警察大队`,
      kind: 'brigade',
      countyCode: c.code,
      parentCode: DETACHMENT_CODE,
    })),
  ];

  const outlets: DemoOutlet[] = [];
  const serials = new Map<string, number>();
  const offices = new Map<string, string>();
  const officeOf = (countyCode: string): string => {
    const office = offices.get(countyCode);
    if (!office) throw new Error(`no office for county ${countyCode}`);
    return office;
  };

  interface NewOutlet {
    category: OutletCategory;
    name: string;
    county: ZunyiCounty;
    hours: OpeningHours;
    township?: string;
    code?: string;
    parentCode?: string | null;
    organisationCode?: string;
    kindLabel?: string;
  }
  const add = (o: NewOutlet): string => {
    const i = outlets.length;
    let code = o.code;
    if (code === undefined) {
      if (o.category === 'internet') throw new Error('the internet centre needs an explicit code');
      const key = `${o.county.code}-${CATEGORY_ABBR[o.category]}`;
      const n = (serials.get(key) ?? 0) + 1;
      serials.set(key, n);
      code = `${key}-${pad3(n)}`;
    }
    outlets.push({
      code,
      name: o.name,
      category: o.category,
      parentCode: o.parentCode !== undefined ? o.parentCode : officeOf(o.county.code),
      countyCode: o.county.code,
      address: townshipAddress(o.county, o.township, i),
      phone: phoneFor(i),
      organisationCode: o.organisationCode ?? brigadeCode(o.county.code),
      hours: o.hours,
      ...(o.kindLabel ? { kindLabel: o.kindLabel } : {}),
    });
    return code;
  };
  const countyOf = zunyiCounty;

  // "1": police professional windows.
  const police = { organisationCode: DETACHMENT_CODE };
  const hq = add({
    ...police,
    category: 'city-office',
    name: '遵义市公安局交通警察支队车辆管理所',
    county: countyOf('520302'),
    parentCode: null,
    hours: HOURS.policeOffice(true, '19:00'),
  });
  offices.set('520302', hq);
  const branches: [string, string, boolean][] = [
    ['520303', '遵义市公安局交通警察支队车辆管理所泥桥业务大厅', true],
    ['520304', '遵义市公安局交通警察支队车辆管理所二分所', false],
  ];
  for (const [countyCode, name, holidays] of branches) {
    const county = countyOf(countyCode);
    const hours = HOURS.policeOffice(holidays);
    offices.set(
      countyCode,
      add({ ...police, category: 'branch-office', name, county, parentCode: hq, hours }),
    );
  }
  add({
    ...police,
    category: 'internet',
    code: INTERNET_CENTRE_CODE,
    name: '遵义车管互联网中心',
    county: countyOf('520302'),
    parentCode: hq,
    hours: HOURS.policeOffice(false),
  });
  for (const county of ZUNYI_COUNTIES.filter((c) => !offices.has(c.code))) {
    const name = `${county.shortName}公安局交通警察大队车管所`;
    const hours = HOURS.policeOffice(false);
    offices.set(
      county.code,
      add({ category: 'county-office', name, county, parentCode: hq, hours }),
    );
  }
  for (const county of ZUNYI_COUNTIES) {
    add({
      category: 'service-centre',
      name: `${county.name}政务服务中心交管窗口`,
      county,
      hours: HOURS.policeWindow(),
    });
  }
  for (const county of ZUNYI_COUNTIES) {
    const rest = (name: string) => name.replace(county.shortName, '');
    for (const name of POLICE_WINDOWS[county.code] ?? []) {
      const township = (TOWNSHIPS[county.code] ?? []).find(
        (t) => isDivision(t) && rest(name).includes(baseName(t)),
      );
      add({
        category: 'police-window',
        name,
        county,
        hours: HOURS.policeWindow(),
        ...(township ? { township } : {}),
      });
    }
  }

  // "S" and "4": social windows.
  const dealerCodes = new Map<string, string[]>();
  for (const dealer of DEALERS) {
    const code = add({
      category: 'dealer',
      name: dealer.name,
      county: countyOf(dealer.countyCode),
      hours: HOURS.everyDay('09:00', '18:00', true),
    });
    const partner = dealer.group ?? dealer.name;
    dealerCodes.set(partner, [...(dealerCodes.get(partner) ?? []), code]);
  }
  const addPartner = (category: OutletCategory, p: PartnerEntry, hours: OpeningHours): string => {
    const county = countyOf(p.countyCode);
    return add({
      category,
      name: p.name,
      county,
      hours,
      ...(p.kindLabel ? { kindLabel: p.kindLabel } : {}),
    });
  };
  const partnerOutlets = (
    category: OutletCategory,
    list: PartnerEntry[],
    hours: () => OpeningHours,
  ) => list.map((p) => ({ partnerName: p.partnerName, code: addPartner(category, p, hours()) }));
  const markets = partnerOutlets('used-car-market', USED_CAR_MARKETS, () =>
    HOURS.everyDay('09:00', '17:30', false),
  );
  const stations = ZUNYI_COUNTIES.map((county, i) => ({
    partnerName: `${county.shortName}${pick(REGISTRATION_OPERATOR_TRADE_NAMES, i)}机动车服务有限公司`,
    code: add({
      category: 'registration-station',
      name: `${county.shortName}社会化机动车登记服务站`,
      county,
      hours: HOURS.weekdaysAndSaturday([['09:00', '17:30']], [['09:00', '17:00']]),
    }),
  }));
  let trade = 0;
  for (const county of ZUNYI_COUNTIES) {
    for (let k = 0; k < (INSPECTION_STATION_COUNTS[county.code] ?? 0); k += 1) {
      const tradeName = pick(INSPECTION_TRADE_NAMES, trade);
      const kind = trade % 2 === 0 ? '机动车检测有限公司' : '机动车安全技术检验站';
      trade += 1;
      const hours = HOURS.weekdaysAndSaturday([['08:30', '18:00']], [['08:30', '17:00']]);
      add({
        category: 'inspection-station',
        name: `${county.shortName}${tradeName}${kind}`,
        county,
        hours,
      });
    }
  }
  const banks = [
    ...partnerOutlets('bank', BANKS, () => HOURS.weekdays([['09:00', '17:00']])),
    ...partnerOutlets('bank', FINANCE_FIRMS, () => HOURS.weekdays([['09:00', '17:30']])),
  ];
  const insurerHours = (): OpeningHours =>
    HOURS.weekdays([
      ['09:00', '12:00'],
      ['13:30', '17:30'],
    ]);
  const insurers = partnerOutlets('insurer', INSURERS, insurerHours);

  const postCodes: string[] = [];
  const postHours = (): OpeningHours =>
    HOURS.weekdaysAndSaturday([['08:30', '17:30']], [['09:00', '16:00']]);
  for (const [countyCode, count] of apportionPostPoints()) {
    const county = countyOf(countyCode);
    const townships = TOWNSHIPS[countyCode] ?? [];
    for (let k = 0; k < count; k += 1) {
      const township = townships[k];
      const place =
        township === undefined
          ? `第${k - townships.length + 1}营业所`
          : /(镇|乡)$/.test(township)
            ? `${township}邮政支局`
            : `${baseName(township)}营业所`;
      const name = `中国邮政集团有限公司${county.shortName}${place}`;
      postCodes.push(
        add({
          category: 'post',
          name,
          county,
          hours: postHours(),
          ...(township ? { township } : {}),
        }),
      );
    }
  }
  const { countyCode: phpCounty, name: phpName, kindLabel: phpLabel } = POLICE_HOSPITAL_POST;
  postCodes.push(
    add({
      category: 'post',
      name: phpName,
      county: countyOf(phpCounty),
      hours: postHours(),
      kindLabel: phpLabel,
    }),
  );
  const hospitalHours = (): OpeningHours =>
    HOURS.weekdaysAndSaturday(
      [
        ['08:00', '12:00'],
        ['14:00', '17:00'],
      ],
      [['08:00', '12:00']],
    );
  const hospitals = partnerOutlets('hospital', HOSPITALS, hospitalHours);
  for (const site of EXAM_SITES) {
    const hours = HOURS.weekdays([
      ['08:00', '12:00'],
      ['13:30', '17:30'],
    ]);
    add({ category: 'exam-site', name: site.name, county: countyOf(site.countyCode), hours });
  }

  // Agreements, one per partner.
  const agreements: DemoAgreement[] = [];
  const kindSerials = new Map<AgreementKind, number>();
  const agree = (
    kind: AgreementKind,
    partnerName: string,
    business: readonly string[],
    outletCodes: string[],
  ) => {
    const n = (kindSerials.get(kind) ?? 0) + 1;
    kindSerials.set(kind, n);
    const terms = agreementTerms(agreements.length);
    agreements.push({
      code: `AG-${kind}-${pad3(n)}`,
      partnerName,
      kind,
      ...terms,
      businessTypes: [...business],
      outletCodes,
    });
  };
  const { bank, insurance, post, hospital, dealer, usedCarMarket, registrationStation } =
    AGREEMENT_BUSINESS;
  for (const b of banks) agree('bank', b.partnerName, bank, [b.code]);
  for (const p of insurers) agree('insurance', p.partnerName, insurance, [p.code]);
  agree('post', '中国邮政集团有限公司遵义市分公司', post, postCodes);
  for (const h of hospitals) agree('hospital', h.partnerName, hospital, [h.code]);
  for (const [partner, codes] of dealerCodes) agree('enterprise', partner, dealer, codes);
  for (const m of markets) agree('enterprise', m.partnerName, usedCarMarket, [m.code]);
  for (const r of stations) agree('enterprise', r.partnerName, registrationStation, [r.code]);

  return { organisations, outlets, agreements };
}
