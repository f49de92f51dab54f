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
  'register.exempt-inspection.max-months': {
    nameEn: 'Registration: months after manufacture within which an exempt car needs no inspection',
    schema: z.number().int().min(1).max(60),
    nameZh: '注册登记：免检车型出厂后免予安全技术检验的最长月数',
    legalBasis: '机动车登记规定 第十一条',
  },
  'inspection.small-car.biennial-years': {
    nameEn:
      'Inspection: years in which a small non-operating passenger car is inspected every two years',
    schema: z.number().int().min(4).max(15),
    nameZh: '安全技术检验：小型非营运载客汽车每两年检验一次的年限',
    legalBasis: '道路交通安全法实施条例 第十六条；关于深化机动车检验制度改革优化车检服务工作的意见',
  },
  'inspection.mark-window-months': {
    nameEn: 'Inspection mark: months before the validity ends from which it may be applied for',
    schema: z.number().int().min(1).max(12),
    nameZh: '检验合格标志：检验有效期届满前可申领的月数',
    legalBasis: '机动车登记规定 第五十四条',
  },
  'scrap-age.operating-small.years': {
    nameEn: 'Mandatory scrapping: age in years of small operating passenger cars',
    schema: z.number().int().min(1).max(40),
    nameZh: '强制报废：小型营运载客汽车使用年限',
    legalBasis: '机动车强制报废标准规定 第五条',
  },
  'scrap-age.operating-large.years': {
    nameEn: 'Mandatory scrapping: age in years of large operating passenger vehicles',
    schema: z.number().int().min(1).max(40),
    nameZh: '强制报废：大型营运载客汽车使用年限',
    legalBasis: '机动车强制报废标准规定 第五条',
  },
  'scrap-age.non-operating-large.years': {
    nameEn: 'Mandatory scrapping: age in years of large non-operating passenger vehicles',
    schema: z.number().int().min(1).max(40),
    nameZh: '强制报废：大型非营运载客汽车使用年限',
    legalBasis: '机动车强制报废标准规定 第五条',
  },
  'scrap-age.motorcycle.years': {
    nameEn: 'Mandatory scrapping: age in years of motorcycles',
    schema: z.number().int().min(1).max(40),
    nameZh: '强制报废：摩托车使用年限',
    legalBasis: '机动车强制报废标准规定 第五条',
  },
  'scrap-age.trailer.years': {
    nameEn: 'Mandatory scrapping: age in years of trailers',
    schema: z.number().int().min(1).max(40),
    nameZh: '强制报废：挂车使用年限',
    legalBasis: '机动车强制报废标准规定 第五条',
  },
  'plate.retention-years': {
    nameEn: 'Plate number kept by a former owner: years the number is held',
    schema: z.number().int().min(1).max(5),
    nameZh: '原机动车所有人保留号牌号码的期限（年）',
    legalBasis: '机动车登记规定 第四十四条',
  },
  'temp-plate.testing.max-months': {
    nameEn: 'Temporary plate (research or type-approval testing): longest validity, in months',
    schema: z.number().int().min(1).max(24),
    nameZh: '临时号牌（科研、定型试验）最长有效月数',
    legalBasis: '机动车登记规定 第四十七条',
  },
  'temp-plate.oversize.max-days': {
    nameEn: 'Temporary plate (oversize special vehicle): longest validity, in days',
    schema: z.number().int().min(1).max(366),
    nameZh: '临时号牌（特型机动车）最长有效天数',
    legalBasis: '机动车登记规定 第四十七条',
  },
  'temp-plate.plate-delay.max-days': {
    nameEn: 'Temporary plate (plates not yet made): longest validity, in days',
    schema: z.number().int().min(1).max(60),
    nameZh: '临时号牌（号牌制作期间）最长有效天数',
    legalBasis: '机动车登记规定 第四十七条',
  },
  'temp-plate.move-out.max-days': {
    nameEn:
      'Temporary plate (moving out or transfer to another jurisdiction): longest validity, in days',
    schema: z.number().int().min(1).max(90),
    nameZh: '临时号牌（转出、异地转让）最长有效天数',
    legalBasis: '机动车登记规定 第二十七条',
  },
  'temp-plate.used-car-export.max-days': {
    nameEn: 'Temporary plate (used car for export): longest validity, in days',
    schema: z.number().int().min(1).max(180),
    nameZh: '临时号牌（二手车出口）最长有效天数',
    legalBasis: '机动车登记规定 第二十八条',
  },
  'temp-plate.icv-road-test.max-months': {
    nameEn:
      'Temporary plate (intelligent connected vehicle road test): longest validity, in months',
    schema: z.number().int().min(1).max(24),
    nameZh: '临时号牌（智能网联汽车道路测试）最长有效月数',
    legalBasis: '机动车登记规定 第四十八条',
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
  {
    key: 'temp-plate.unregistered.max-days',
    value: 30,
    effectiveFrom: '2022-05-01',
    note: '机动车登记规定（公安部令第164号）第四十七条：每次不超过30日',
  },
  {
    key: 'temp-plate.unregistered.max-issues',
    value: 3,
    effectiveFrom: '2022-05-01',
    note: '机动车登记规定（公安部令第164号）第四十七条：不超过三次',
  },
  {
    key: 'register.exempt-inspection.max-months',
    value: 24,
    effectiveFrom: '2022-05-01',
    note: '出厂两年内未申请注册登记的免检车辆应当进行安全技术检验',
  },
  {
    key: 'inspection.small-car.biennial-years',
    value: 6,
    effectiveFrom: '2014-09-01',
    note: '6年以内每两年检验一次，第2、4年免予上线检验',
  },
  {
    key: 'inspection.small-car.biennial-years',
    value: 10,
    effectiveFrom: '2022-10-01',
    note: '检验制度改革：10年以内第2、4、8年免检，第6、10年上线检验',
  },
  {
    key: 'inspection.mark-window-months',
    value: 3,
    effectiveFrom: '2022-05-01',
    note: '检验有效期届满前三个月内申领检验合格标志',
  },
  {
    key: 'scrap-age.operating-small.years',
    value: 10,
    effectiveFrom: '2013-05-01',
    note: '小、微型营运载客汽车（出租客运8年，按地方执行）',
  },
  {
    key: 'scrap-age.operating-large.years',
    value: 15,
    effectiveFrom: '2013-05-01',
    note: '大、中型营运载客汽车',
  },
  {
    key: 'scrap-age.non-operating-large.years',
    value: 20,
    effectiveFrom: '2013-05-01',
    note: '大型非营运载客汽车',
  },
  { key: 'scrap-age.motorcycle.years', value: 13, effectiveFrom: '2013-05-01', note: '摩托车' },
  {
    key: 'scrap-age.trailer.years',
    value: 15,
    effectiveFrom: '2013-05-01',
    note: '半挂车15年，全挂车10年（按半挂车执行）',
  },
  {
    key: 'plate.retention-years',
    value: 2,
    effectiveFrom: '2022-05-01',
    note: '两年内申请使用原号牌号码',
  },
  {
    key: 'temp-plate.testing.max-months',
    value: 6,
    effectiveFrom: '2022-05-01',
    note: '科研、定型试验：不超过6个月',
  },
  {
    key: 'temp-plate.oversize.max-days',
    value: 90,
    effectiveFrom: '2022-05-01',
    note: '特型机动车：不超过90日',
  },
  {
    key: 'temp-plate.plate-delay.max-days',
    value: 15,
    effectiveFrom: '2022-05-01',
    note: '号牌制作期间：不超过15日',
  },
  {
    key: 'temp-plate.move-out.max-days',
    value: 30,
    effectiveFrom: '2022-05-01',
    note: '转出、异地转让：不超过30日',
  },
  {
    key: 'temp-plate.used-car-export.max-days',
    value: 60,
    effectiveFrom: '2022-05-01',
    note: '二手车出口：不超过60日',
  },
  {
    key: 'temp-plate.icv-road-test.max-months',
    value: 6,
    effectiveFrom: '2022-05-01',
    note: '智能网联汽车道路测试：与准予期限一致，不超过6个月',
  },
];
