import type { TempPlatePurpose } from '#shared/schemas/applications.ts';
import type { PolicyKey, PolicyValues } from '../catalog/policy-keys.ts';
import { addMonths } from './inspection-intervals.ts';

/**
 * Each purpose of a temporary plate (regulations.md §2.3) with its cap as policy: a longest
 * validity in days or months, and for unsold/unregistered and export vehicles a most number of
 * issues (R164 §47). Purposes without an issues key have no cap on issues.
 */
export const PURPOSE_POLICY = {
  unregistered: {
    days: 'temp-plate.unregistered.max-days',
    issues: 'temp-plate.unregistered.max-issues',
  },
  export: { days: 'temp-plate.export.max-days', issues: 'temp-plate.export.max-issues' },
  testing: { months: 'temp-plate.testing.max-months' },
  oversize: { days: 'temp-plate.oversize.max-days' },
  'plate-delay': { days: 'temp-plate.plate-delay.max-days' },
  'move-out': { days: 'temp-plate.move-out.max-days' },
  'used-car-export': { days: 'temp-plate.used-car-export.max-days' },
  'icv-road-test': { months: 'temp-plate.icv-road-test.max-months' },
} as const satisfies Record<
  TempPlatePurpose,
  { days: PolicyKey; issues?: PolicyKey } | { months: PolicyKey }
>;

type Entry = (typeof PURPOSE_POLICY)[TempPlatePurpose];
type KeysOf<E> = E extends { days: infer D } ? D : E extends { months: infer M } ? M : never;
type IssueKeysOf<E> = E extends { issues: infer I } ? I : never;
export type TempPlateKey = KeysOf<Entry> | IssueKeysOf<Entry>;

export const TEMP_PLATE_KEYS = Object.values(PURPOSE_POLICY).flatMap((p) =>
  Object.values(p),
) as TempPlateKey[];

const daysBetweenInclusive = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * The caps in force today for a purpose: the longest validity in days (a cap in months counts
 * calendar months from today), and the most issues (`capped` false: no cap on issues).
 */
export function capsFor(
  purpose: TempPlatePurpose,
  policy: PolicyValues<TempPlateKey>,
  today: string,
): { maxDays: number | null; maxIssues: number | null; capped: boolean } {
  const entry: Entry = PURPOSE_POLICY[purpose];
  let maxDays: number | null;
  if ('months' in entry) {
    const months = policy[entry.months];
    maxDays = months === null ? null : daysBetweenInclusive(today, addMonths(today, months)) - 1;
  } else maxDays = policy[entry.days];
  const issuesKey = 'issues' in entry ? entry.issues : null;
  return {
    maxDays,
    maxIssues: issuesKey ? policy[issuesKey] : null,
    capped: issuesKey !== null,
  };
}

/** The policy keys of a purpose's caps: its validity (days or months), and its issues if capped. */
export function capKeysOf(purpose: TempPlatePurpose): {
  days: TempPlateKey;
  issues: TempPlateKey | null;
} {
  const entry: Entry = PURPOSE_POLICY[purpose];
  return {
    days: 'months' in entry ? entry.months : entry.days,
    issues: 'issues' in entry ? entry.issues : null,
  };
}

/**
 * Which vehicle each purpose is for, with the article that says so: one not registered at all
 * (R164 §46: unsold, bought and not yet registered, a new car sold for export, research or
 * type-approval tests, an oversize special vehicle; §48: an ICV road test), or one registered
 * here, whose owner applies (§47 ¶2: its plates are still being made; §§18, 27: moving out or
 * sold to another jurisdiction; §28: a used car transferred for export, the exporter its owner).
 */
export const PURPOSE_SUBJECT: Record<
  TempPlatePurpose,
  { registered: boolean; legalBasis: string; nameZh: string; nameEn: string }
> = {
  unregistered: {
    registered: false,
    legalBasis: '机动车登记规定 第四十六条',
    nameZh: '未销售或未注册登记',
    nameEn: 'unsold or unregistered',
  },
  export: {
    registered: false,
    legalBasis: '机动车登记规定 第四十六条',
    nameZh: '出口销售',
    nameEn: 'export sale',
  },
  testing: {
    registered: false,
    legalBasis: '机动车登记规定 第四十六条',
    nameZh: '科研、定型试验',
    nameEn: 'research or type-approval testing',
  },
  oversize: {
    registered: false,
    legalBasis: '机动车登记规定 第四十六条',
    nameZh: '超限特型车辆',
    nameEn: 'oversize special vehicle',
  },
  'icv-road-test': {
    registered: false,
    legalBasis: '机动车登记规定 第四十八条',
    nameZh: '智能网联汽车道路测试',
    nameEn: 'intelligent connected vehicle road test',
  },
  'plate-delay': {
    registered: true,
    legalBasis: '机动车登记规定 第四十七条',
    nameZh: '号牌制作延误',
    nameEn: 'plates not yet made',
  },
  'move-out': {
    registered: true,
    legalBasis: '机动车登记规定 第十八条、第二十七条',
    nameZh: '转出或异地转让',
    nameEn: 'moving out or sold to another jurisdiction',
  },
  'used-car-export': {
    registered: true,
    legalBasis: '机动车登记规定 第二十八条',
    nameZh: '二手车出口',
    nameEn: 'used-car export',
  },
};
