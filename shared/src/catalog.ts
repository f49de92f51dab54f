/**
 * The business catalog as both server and web app see it: names, subject, service-level
 * agreement (working days, R164 §92 / R162 §110) and whether a representative (代办人) may apply.
 * Rules and effects live on the server, in the area that owns the subject.
 */
export const BUSINESS_TYPE_CODES = [
  'vehicle.register',
  'vehicle.transfer',
  'vehicle.mortgage',
  'vehicle.mortgage-release',
  'vehicle.deregister',
  'vehicle.temp-plate',
  'vehicle.licence-reissue',
  'vehicle.certificate-reissue',
  'vehicle.inspection-mark',
  'licence.renew',
  'licence.reissue',
  'violation.handle',
  'points.reduce',
  'vehicle.plate-reissue',
  'vehicle.change',
  'licence.apply',
  'exam.book',
  'fine.pay',
  'licence.review',
  'violation.substitute-hold',
  'agent.review-flag',
] as const;

export type BusinessTypeCode = (typeof BUSINESS_TYPE_CODES)[number];
/** What a business is about; `person` for measures on someone acting for others (代办人). */
export type Subject = 'vehicle' | 'licence' | 'violation' | 'person';

export interface BusinessTypeInfo {
  code: BusinessTypeCode;
  nameZh: string;
  nameEn: string;
  subject: Subject;
  slaWorkingDays: number;
  agentAllowed: boolean;
  legalBasis: string;
  /** Why a representative may not apply, when agentAllowed is false. */
  agentRuleBasis?: string;
}

export const CATALOG: readonly BusinessTypeInfo[] = [
  {
    code: 'vehicle.register',
    nameZh: '注册登记',
    nameEn: 'Registration',
    subject: 'vehicle',
    slaWorkingDays: 2,
    agentAllowed: true,
    legalBasis: '机动车登记规定 第十三条',
  },
  {
    code: 'vehicle.transfer',
    nameZh: '转让登记',
    nameEn: 'Transfer registration',
    subject: 'vehicle',
    slaWorkingDays: 1,
    agentAllowed: true,
    legalBasis: '机动车登记规定 第二十五条',
  },
  {
    code: 'vehicle.mortgage',
    nameZh: '抵押登记',
    nameEn: 'Mortgage registration',
    subject: 'vehicle',
    slaWorkingDays: 1,
    agentAllowed: true,
    legalBasis: '机动车登记规定 第三十一条',
  },
  {
    code: 'vehicle.mortgage-release',
    nameZh: '解除抵押登记',
    nameEn: 'Mortgage release',
    subject: 'vehicle',
    slaWorkingDays: 1,
    agentAllowed: true,
    legalBasis: '机动车登记规定 第三十三条',
  },
  {
    code: 'vehicle.deregister',
    nameZh: '注销登记',
    nameEn: 'Deregistration',
    subject: 'vehicle',
    slaWorkingDays: 1,
    agentAllowed: true,
    legalBasis: '机动车登记规定 第三十七条',
  },
  {
    code: 'vehicle.temp-plate',
    nameZh: '核发临时行驶车号牌',
    nameEn: 'Temporary plate',
    subject: 'vehicle',
    slaWorkingDays: 1,
    agentAllowed: true,
    legalBasis: '机动车登记规定 第四十六条、第四十七条',
  },
  {
    code: 'vehicle.licence-reissue',
    nameZh: '补领机动车行驶证',
    nameEn: 'Vehicle licence reissue',
    subject: 'vehicle',
    slaWorkingDays: 1,
    agentAllowed: true,
    legalBasis: '机动车登记规定 第五十二条',
  },
  {
    code: 'vehicle.certificate-reissue',
    nameZh: '补领机动车登记证书',
    nameEn: 'Registration certificate reissue',
    subject: 'vehicle',
    slaWorkingDays: 1,
    agentAllowed: false,
    legalBasis: '机动车登记规定 第五十二条',
    agentRuleBasis: '机动车登记规定 第八十六条',
  },
  {
    code: 'vehicle.inspection-mark',
    nameZh: '核发检验合格标志',
    nameEn: 'Inspection mark',
    subject: 'vehicle',
    slaWorkingDays: 1,
    agentAllowed: true,
    legalBasis: '机动车登记规定 第五十四条、第五十五条',
  },
  {
    code: 'licence.renew',
    nameZh: '驾驶证有效期满换证',
    nameEn: 'Driving licence renewal',
    subject: 'licence',
    slaWorkingDays: 1,
    agentAllowed: true,
    legalBasis: '机动车驾驶证申领和使用规定 第六十三条',
  },
  {
    code: 'licence.reissue',
    nameZh: '驾驶证补证',
    nameEn: 'Driving licence reissue',
    subject: 'licence',
    slaWorkingDays: 1,
    agentAllowed: true,
    legalBasis: '机动车驾驶证申领和使用规定 第六十九条',
  },
  {
    code: 'violation.handle',
    nameZh: '交通违法处理',
    nameEn: 'Violation handling',
    subject: 'violation',
    slaWorkingDays: 0,
    agentAllowed: false,
    legalBasis: '道路交通安全违法行为记分管理办法 第十四条',
    agentRuleBasis: '道路交通安全违法行为记分管理办法 第八条、第三十条',
  },
  {
    code: 'points.reduce',
    nameZh: '学法减分',
    nameEn: 'Point reduction by study',
    subject: 'violation',
    slaWorkingDays: 0,
    agentAllowed: false,
    legalBasis: '道路交通安全违法行为记分管理办法 第二十五条至第二十七条',
    agentRuleBasis: '道路交通安全违法行为记分管理办法 第三十一条',
  },
  {
    code: 'vehicle.plate-reissue',
    nameZh: '补领机动车号牌',
    nameEn: 'Plate reissue',
    subject: 'vehicle',
    slaWorkingDays: 15,
    agentAllowed: true,
    legalBasis: '机动车登记规定 第五十一条',
  },
  {
    code: 'vehicle.change',
    nameZh: '变更登记',
    nameEn: 'Change registration',
    subject: 'vehicle',
    slaWorkingDays: 1,
    agentAllowed: true,
    legalBasis: '机动车登记规定 第十六条',
  },
  {
    code: 'licence.apply',
    nameZh: '初次申领/增加准驾车型',
    nameEn: 'Licence application',
    subject: 'licence',
    slaWorkingDays: 1,
    agentAllowed: false,
    legalBasis: '机动车驾驶证申领和使用规定 第二十二条',
    agentRuleBasis: '机动车驾驶证申领和使用规定 第一百零五条',
  },
  {
    code: 'exam.book',
    nameZh: '考试预约',
    nameEn: 'Exam booking',
    subject: 'licence',
    slaWorkingDays: 0,
    agentAllowed: false,
    legalBasis: '机动车驾驶证申领和使用规定 第三十九条',
    agentRuleBasis: '机动车驾驶证申领和使用规定 第一百零五条',
  },
  {
    code: 'fine.pay',
    nameZh: '罚款缴纳',
    nameEn: 'Fine payment',
    subject: 'violation',
    slaWorkingDays: 0,
    agentAllowed: true,
    legalBasis: '道路交通安全违法行为处理程序规定 第六十条',
  },
  {
    code: 'licence.review',
    nameZh: '驾驶证审验',
    nameEn: 'Licence review',
    subject: 'licence',
    slaWorkingDays: 0,
    // R162 §105: a representative may submit the review's materials (提交审验材料); the study
    // the materials prove is the driver's own.
    agentAllowed: true,
    legalBasis: '机动车驾驶证申领和使用规定 第七十二条、第七十三条',
  },
  {
    code: 'violation.substitute-hold',
    nameZh: '暂停代为处理交通违法（措施）',
    nameEn: "Hold on a person's substitute violation handling (measure)",
    subject: 'violation',
    slaWorkingDays: 0,
    agentAllowed: false,
    legalBasis: '道路交通安全违法行为记分管理办法 第三十条',
    agentRuleBasis: '道路交通安全违法行为记分管理办法 第三十条',
  },
  {
    code: 'agent.review-flag',
    nameZh: '代办人审核标记（措施）',
    nameEn: 'Review flag on an agent (measure)',
    subject: 'person',
    slaWorkingDays: 0,
    agentAllowed: false,
    legalBasis: '机动车登记规定 第八十六条；机动车驾驶证申领和使用规定 第一百零五条',
    agentRuleBasis: '机动车登记规定 第八十六条；机动车驾驶证申领和使用规定 第一百零五条',
  },
];

/**
 * Measures (措施): business the detachment's supervisors submit for an anti-fraud case, through
 * the same pipeline as any business, at the city office; no clerk submits them.
 */
export const MEASURE_TYPES: readonly BusinessTypeCode[] = [
  'violation.substitute-hold',
  'agent.review-flag',
];
export const isMeasure = (code: string) => (MEASURE_TYPES as readonly string[]).includes(code);

export function businessTypeInfo(code: string): BusinessTypeInfo | undefined {
  return CATALOG.find((t) => t.code === code);
}

export const OUTLET_CATEGORIES = [
  'city-office',
  'branch-office',
  'county-office',
  'service-centre',
  'police-window',
  'dealer',
  'used-car-market',
  'registration-station',
  'inspection-station',
  'bank',
  'insurer',
  'post',
  'hospital',
  'exam-site',
  'internet',
] as const;
export type OutletCategory = (typeof OUTLET_CATEGORIES)[number];

/** Police windows ("1"): business there is handled by police staff. */
export const POLICE_CATEGORIES: readonly OutletCategory[] = [
  'city-office',
  'branch-office',
  'county-office',
  'service-centre',
  'police-window',
];

/**
 * Vehicle administration offices and their branches: the registration halls, where the police
 * check vehicles and run the one-lane registration (通道式上牌).
 */
export const OFFICE_CATEGORIES: readonly OutletCategory[] = [
  'city-office',
  'branch-office',
  'county-office',
];

export const OUTLET_CATEGORY_NAMES_ZH: Record<OutletCategory, string> = {
  'city-office': '市车管所',
  'branch-office': '车管分所',
  'county-office': '县级车管所',
  'service-centre': '政务服务中心交管窗口',
  'police-window': '公安交警窗口',
  dealer: '汽车销售企业服务站',
  'used-car-market': '二手车市场登记服务站',
  'registration-station': '机动车登记服务站',
  'inspection-station': '机动车检验机构',
  bank: '银行及金融机构',
  insurer: '警保服务站',
  post: '警邮服务网点',
  hospital: '警医体检点',
  'exam-site': '考试场',
  internet: '互联网',
};

/** The same categories in English, phrased for running text such as "Please apply at one of: …". */
export const OUTLET_CATEGORY_NAMES_EN: Record<OutletCategory, string> = {
  'city-office': 'city vehicle administration office',
  'branch-office': 'vehicle administration branch offices',
  'county-office': 'county vehicle administration offices',
  'service-centre': 'traffic police windows at government service centres',
  'police-window': 'police windows',
  dealer: '4S dealer service stations',
  'used-car-market': 'used-car market registration stations',
  'registration-station': 'vehicle registration service stations',
  'inspection-station': 'vehicle inspection stations',
  bank: 'banks and financial institutions',
  insurer: 'police–insurer service stations',
  post: 'post office points',
  hospital: 'hospital medical examination points',
  'exam-site': 'driving test sites',
  internet: 'the online service platform',
};
