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
  'supervision.fdr-q': {
    nameEn: 'Supervision: false discovery rate of the peer comparisons (Benjamini–Hochberg q)',
    schema: z.number().min(0.001).max(0.2),
    nameZh: '监管：同类比较的错误发现率（BH q 值）',
    legalBasis:
      '车驾管业务监管工作规范（机动车登记规定 第六十七条；机动车驾驶证申领和使用规定 第五十五条）',
  },
  'supervision.cusum.odds-ratio': {
    nameEn: 'Supervision: pass-odds ratio a CUSUM watches for',
    schema: z.number().min(1.1).max(10),
    nameZh: '监管：CUSUM 监测的合格率优势比',
    legalBasis:
      '车驾管业务监管工作规范（机动车登记规定 第六十七条；机动车驾驶证申领和使用规定 第五十五条）',
  },
  'supervision.cusum.threshold': {
    nameEn: 'Supervision: CUSUM signal threshold h',
    schema: z.number().min(1).max(20),
    nameZh: '监管：CUSUM 报警阈值 h',
    legalBasis:
      '车驾管业务监管工作规范（机动车登记规定 第六十七条；机动车驾驶证申领和使用规定 第五十五条）',
  },
  'supervision.cusum.baseline-days': {
    nameEn: 'Supervision: days of a unit’s own history a CUSUM compares with',
    schema: z.number().int().min(7).max(366),
    nameZh: '监管：CUSUM 基线取本单位此前天数',
    legalBasis:
      '车驾管业务监管工作规范（机动车登记规定 第六十七条；机动车驾驶证申领和使用规定 第五十五条）',
  },
  'supervision.min-unit-size': {
    nameEn: 'Supervision: fewest results for a unit to enter a peer comparison',
    schema: z.number().int().min(1).max(1000),
    nameZh: '监管：参与同类比较的最少业务量',
    legalBasis:
      '车驾管业务监管工作规范（机动车登记规定 第六十七条；机动车驾驶证申领和使用规定 第五十五条）',
  },
  'supervision.exam-face.max-overrides': {
    nameEn:
      'Exam supervision: face-match failures an examiner may pass in a period before an alert',
    schema: z.number().int().min(0).max(1000),
    nameZh: '考试监管：考试员人脸比对不通过仍予考试的次数上限',
    legalBasis: '机动车驾驶证申领和使用规定 第五十五条',
  },
  'supervision.exam-duration.min-minutes': {
    nameEn: 'Exam supervision: shortest plausible exam, in minutes',
    schema: z.number().int().min(1).max(240),
    nameZh: '考试监管：考试最短合理时长（分钟）',
    legalBasis: '机动车驾驶人考试内容和方法（GA 1026）',
  },
  'supervision.exam-duration.max-count': {
    nameEn: 'Exam supervision: too-short exams of an examiner in a period before an alert',
    schema: z.number().int().min(0).max(1000),
    nameZh: '考试监管：考试员考试时长过短次数上限',
    legalBasis: '机动车驾驶人考试内容和方法（GA 1026）',
  },
  'supervision.inspection-duration.min-minutes': {
    nameEn: 'Inspection supervision: shortest plausible inspection, in minutes',
    schema: z.number().int().min(1).max(240),
    nameZh: '检验监管：安全技术检验最短合理时长（分钟）',
    legalBasis: '机动车安全技术检验项目和方法（GB 38900）',
  },
  'supervision.inspection-duration.max-share': {
    nameEn: 'Inspection supervision: share of too-short inspections of a station before an alert',
    schema: z.number().min(0).max(1),
    nameZh: '检验监管：检验时长过短的比例上限',
    legalBasis: '机动车安全技术检验项目和方法（GB 38900）',
  },
  'supervision.review.rate': {
    nameEn: 'Exam supervision: share of a day’s exam recordings drawn for audio/video review',
    schema: z.number().min(0).max(1),
    nameZh: '监管：考试音视频每日随机抽查比例',
    legalBasis: '机动车驾驶人考试工作规范；机动车驾驶证申领和使用规定 第五十五条',
  },
  'supervision.review.flagged-rate': {
    nameEn:
      'Exam supervision: share of the recordings of examiners and sites with open exam alerts drawn for review',
    schema: z.number().min(0).max(1),
    nameZh: '监管：有未结考试预警的考官、考场音视频抽查比例',
    legalBasis: '机动车驾驶人考试工作规范；机动车驾驶证申领和使用规定 第五十五条',
  },
  'supervision.off-hours.min-count': {
    nameEn:
      'Supervision: business or inspections outside an outlet’s hours in a period before an alert',
    schema: z.number().int().min(1).max(10000),
    nameZh: '监管：网点非营业时间办理业务（检验）次数报警下限',
    legalBasis:
      '车驾管业务监管工作规范（机动车登记规定 第六十七条；机动车驾驶证申领和使用规定 第五十五条）',
  },
  'supervision.frequent-reissue.max-count': {
    nameEn: 'Supervision: reissues of one vehicle or licence within the window before an alert',
    schema: z.number().int().min(1).max(100),
    nameZh: '监管：同一车辆或驾驶证在期限内补换领次数上限',
    legalBasis: '机动车登记规定 第七十四条；机动车驾驶证申领和使用规定 第八十三条',
  },
  'supervision.frequent-transfer.max-count': {
    nameEn: 'Supervision: transfers of one vehicle within the window before an alert',
    schema: z.number().int().min(1).max(100),
    nameZh: '监管：同一车辆在期限内转移登记次数上限',
    legalBasis: '机动车登记规定 第七十四条',
  },
  'supervision.frequent.window-days': {
    nameEn: 'Supervision: window for frequent reissue and transfer, in days',
    schema: z.number().int().min(1).max(1095),
    nameZh: '监管：频繁补领、转移的统计期限（天）',
    legalBasis: '机动车登记规定 第七十四条',
  },
  'supervision.volume-spike.ratio': {
    nameEn: 'Supervision: a day’s business over this multiple of the outlet’s usual day is a spike',
    schema: z.number().min(1.5).max(100),
    nameZh: '监管：网点单日业务量超过其常态的倍数',
    legalBasis:
      '车驾管业务监管工作规范（机动车登记规定 第六十七条；机动车驾驶证申领和使用规定 第五十五条）',
  },
  'supervision.volume-spike.min-count': {
    nameEn: 'Supervision: fewest business items on a day for a spike',
    schema: z.number().int().min(1).max(100000),
    nameZh: '监管：业务量突增的单日最少笔数',
    legalBasis:
      '车驾管业务监管工作规范（机动车登记规定 第六十七条；机动车驾驶证申领和使用规定 第五十五条）',
  },
  'supervision.volume-spike.lookback-days': {
    nameEn: 'Supervision: days of the outlet’s own history its usual day is taken from',
    schema: z.number().int().min(7).max(366),
    nameZh: '监管：网点常态业务量的回看天数',
    legalBasis:
      '车驾管业务监管工作规范（机动车登记规定 第六十七条；机动车驾驶证申领和使用规定 第五十五条）',
  },
  'spot-check.max-gap-quarters': {
    nameEn: 'Spot checks: quarters after which an unchecked outlet is forced into the frame',
    schema: z.number().int().min(1).max(40),
    nameZh: '双随机抽查：连续未被抽查即强制纳入抽查范围的季度数',
    legalBasis: '关于推行“双随机、一公开”监管的意见',
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
  {
    key: 'supervision.fdr-q',
    value: 0.05,
    effectiveFrom: '2019-01-01',
    note: '同类比较：错误发现率 5%',
  },
  {
    key: 'supervision.cusum.odds-ratio',
    value: 2,
    effectiveFrom: '2019-01-01',
    note: '监测合格率优势比翻倍的漂移',
  },
  {
    key: 'supervision.cusum.threshold',
    value: 5,
    effectiveFrom: '2019-01-01',
    note: 'h = 5：合格率 60% 时平均约 3,800 次考试误报一次',
  },
  {
    key: 'supervision.cusum.baseline-days',
    value: 90,
    effectiveFrom: '2019-01-01',
    note: '以本单位此前 90 天为基线',
  },
  {
    key: 'supervision.min-unit-size',
    value: 10,
    effectiveFrom: '2019-01-01',
    note: '少于 10 笔不参与同类比较',
  },
  {
    key: 'supervision.exam-face.max-overrides',
    value: 2,
    effectiveFrom: '2019-01-01',
    note: '人脸比对不通过仍予考试超过 2 次即预警',
  },
  {
    key: 'supervision.exam-duration.min-minutes',
    value: 5,
    effectiveFrom: '2019-01-01',
    note: '考试时长少于 5 分钟视为异常',
  },
  {
    key: 'supervision.exam-duration.max-count',
    value: 3,
    effectiveFrom: '2019-01-01',
    note: '过短考试超过 3 次即预警',
  },
  {
    key: 'supervision.inspection-duration.min-minutes',
    value: 10,
    effectiveFrom: '2019-01-01',
    note: '上线检验少于 10 分钟视为异常',
  },
  {
    key: 'supervision.inspection-duration.max-share',
    value: 0.1,
    effectiveFrom: '2019-01-01',
    note: '过短检验超过 10% 即预警',
  },
  {
    key: 'supervision.review.rate',
    value: 0.02,
    effectiveFrom: '2019-01-01',
    note: '每日随机抽查 2% 的考试音视频（全年逾万条）',
  },
  {
    key: 'supervision.review.flagged-rate',
    value: 0.2,
    effectiveFrom: '2019-01-01',
    note: '有未结考试预警的考官、考场抽查 20%',
  },
  {
    key: 'supervision.off-hours.min-count',
    value: 3,
    effectiveFrom: '2019-01-01',
    note: '非营业时间办理 3 笔以上即预警',
  },
  {
    key: 'supervision.frequent-reissue.max-count',
    value: 2,
    effectiveFrom: '2019-01-01',
    note: '期限内补领超过 2 次即预警',
  },
  {
    key: 'supervision.frequent-transfer.max-count',
    value: 2,
    effectiveFrom: '2019-01-01',
    note: '期限内转移登记超过 2 次即预警',
  },
  {
    key: 'supervision.frequent.window-days',
    value: 365,
    effectiveFrom: '2019-01-01',
    note: '统计期限一年',
  },
  {
    key: 'supervision.volume-spike.ratio',
    value: 3,
    effectiveFrom: '2019-01-01',
    note: '单日业务量超过常态 3 倍',
  },
  {
    key: 'supervision.volume-spike.min-count',
    value: 20,
    effectiveFrom: '2019-01-01',
    note: '且不少于 20 笔',
  },
  {
    key: 'supervision.volume-spike.lookback-days',
    value: 28,
    effectiveFrom: '2019-01-01',
    note: '常态取此前 28 天',
  },
  {
    key: 'spot-check.max-gap-quarters',
    value: 8,
    effectiveFrom: '2019-01-01',
    note: '连续 8 个季度未被抽查的强制纳入',
  },
];
