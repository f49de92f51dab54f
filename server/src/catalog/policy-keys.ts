import { z } from 'zod';

/**
 * Policy values that law or local practice may change, each with its legal basis. The values
 * in force on a day live in policy_values; this table only fixes what each key means.
 */
export const POLICY_KEYS = {
  'temp-plate.unregistered.max-days': {
    schema: z.number().int().min(1).max(180),
    nameZh: '临时号牌（未销售/未登记）单次最长有效天数',
    legalBasis: '机动车登记规定 第四十七条',
  },
  'temp-plate.unregistered.max-issues': {
    schema: z.number().int().min(1).max(10),
    nameZh: '临时号牌（未销售/未登记）最多核发次数',
    legalBasis: '机动车登记规定 第四十七条',
  },
  'temp-plate.export.max-days': {
    schema: z.number().int().min(1).max(180),
    nameZh: '临时号牌（出口）单次最长有效天数',
    legalBasis: '机动车登记规定 第四十七条',
  },
  'temp-plate.export.max-issues': {
    schema: z.number().int().min(1).max(10),
    nameZh: '临时号牌（出口）最多核发次数',
    legalBasis: '机动车登记规定 第四十七条',
  },
} as const;

export type PolicyKey = keyof typeof POLICY_KEYS;
export const POLICY_KEY_NAMES = Object.keys(POLICY_KEYS) as PolicyKey[];

/** The baseline an installation starts with: Zunyi's temporary-plate reform as two versions. */
export const DEFAULT_POLICY_VALUES: {
  key: PolicyKey;
  value: number;
  effectiveFrom: string;
  note: string;
}[] = [
  {
    key: 'temp-plate.unregistered.max-days',
    value: 15,
    effectiveFrom: '2018-01-01',
    note: '改革前：可分两次核发，每次不超过15天',
  },
  {
    key: 'temp-plate.unregistered.max-issues',
    value: 2,
    effectiveFrom: '2018-01-01',
    note: '改革前：可分两次核发，每次不超过15天',
  },
  {
    key: 'temp-plate.unregistered.max-days',
    value: 30,
    effectiveFrom: '2019-01-01',
    note: '“放管服”改革：一次性核发不超过30天',
  },
  {
    key: 'temp-plate.unregistered.max-issues',
    value: 1,
    effectiveFrom: '2019-01-01',
    note: '“放管服”改革：一次性核发不超过30天',
  },
  {
    key: 'temp-plate.export.max-days',
    value: 30,
    effectiveFrom: '2018-01-01',
    note: '出口销售新车临时号牌',
  },
  {
    key: 'temp-plate.export.max-issues',
    value: 1,
    effectiveFrom: '2018-01-01',
    note: '出口销售新车临时号牌限核发一次',
  },
];
