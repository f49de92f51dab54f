import { z } from 'zod';

/**
 * Policy values that law or local practice may change, each with its legal basis. The values
 * in force on a day live in policy_values; this table only fixes what each key means.
 */
export const POLICY_KEYS = {
  'temp-plate.unregistered.max-days': {
    nameEn:
      'Temporary plate (unsold or unregistered vehicle): longest validity of one issue, in days',
    schema: z.number().int().min(1).max(180),
    nameZh: '临时号牌（未销售/未登记）单次最长有效天数',
    legalBasis: '机动车登记规定 第四十七条',
  },
  'temp-plate.unregistered.max-issues': {
    nameEn: 'Temporary plate (unsold or unregistered vehicle): most issues',
    schema: z.number().int().min(1).max(10),
    nameZh: '临时号牌（未销售/未登记）最多核发次数',
    legalBasis: '机动车登记规定 第四十七条',
  },
  'temp-plate.export.max-days': {
    nameEn: 'Temporary plate (export): longest validity of one issue, in days',
    schema: z.number().int().min(1).max(180),
    nameZh: '临时号牌（出口）单次最长有效天数',
    legalBasis: '机动车登记规定 第四十七条',
  },
  'temp-plate.export.max-issues': {
    nameEn: 'Temporary plate (export): most issues',
    schema: z.number().int().min(1).max(10),
    nameZh: '临时号牌（出口）最多核发次数',
    legalBasis: '机动车登记规定 第四十七条',
  },
  'plate-reissue.temp-plate.max-days': {
    nameEn: 'Plate reissue: longest validity of the temporary plate meanwhile, in days',
    schema: z.number().int().min(1).max(15),
    nameZh: '补领号牌期间临时号牌最长有效天数',
    legalBasis: '机动车登记规定 第五十一条',
  },
  'plate-reissue.collection-days': {
    nameEn: 'Plate reissue: days to collect a made plate before the case closes',
    schema: z.number().int().min(1).max(366),
    nameZh: '补领号牌制作完成后领取期限（天）',
    legalBasis: '车辆管理所号牌领取规定（地方工作规范）',
  },
} as const;

export type PolicyKey = keyof typeof POLICY_KEYS;
/** The value type of a policy key, as its schema admits it. */
export type PolicyValue<K extends PolicyKey> = z.infer<(typeof POLICY_KEYS)[K]['schema']>;
/** The values in force of some keys; null where an administrator has configured none. */
export type PolicyValues<K extends PolicyKey> = { readonly [P in K]: PolicyValue<P> | null };
export const POLICY_KEY_NAMES = Object.keys(POLICY_KEYS) as PolicyKey[];

/** One dated version of a policy value. */
export interface PolicyVersion {
  key: PolicyKey;
  value: number;
  effectiveFrom: string;
  note: string;
}

/** The national baseline an installation starts with; a city adds its own versions on top. */
export const DEFAULT_POLICY_VALUES: readonly PolicyVersion[] = [
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
  {
    key: 'plate-reissue.temp-plate.max-days',
    value: 15,
    effectiveFrom: '2022-05-01',
    note: '补领号牌期间核发不超过15日的临时号牌',
  },
  {
    key: 'plate-reissue.collection-days',
    value: 90,
    effectiveFrom: '2022-05-01',
    note: '号牌制作完成后90日内未领取的，业务逾期关闭（可按本地规范调整）',
  },
];
