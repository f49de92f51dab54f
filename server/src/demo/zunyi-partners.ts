/**
 * The social partners of the Zunyi demo network (the "S" and "4" of 1+S+4+E): dealers,
 * used-car markets, registration-station operators, banks and auto-finance firms, insurers,
 * hospitals and exam sites. Names are realistic demo values, not a register of real firms.
 */

export interface DealerEntry {
  countyCode: string;
  name: string;
  /** Dealer group that signs the 警企 agreement; absent when the dealer signs for itself. */
  group?: string;
}

const BAOYU = '遵义宝誉汽车集团有限公司';
const TONGYUAN = '遵义通源汽车集团有限公司';

/** The article's 31 vehicle dealers (临时号牌 delegated to them). */
export const DEALERS: DealerEntry[] = [
  { countyCode: '520303', name: '遵义宝誉丰田汽车销售服务有限公司', group: BAOYU },
  { countyCode: '520303', name: '遵义宝誉雷克萨斯汽车销售服务有限公司', group: BAOYU },
  { countyCode: '520303', name: '遵义通源一汽-大众汽车销售服务有限公司', group: TONGYUAN },
  { countyCode: '520303', name: '遵义通源奥迪汽车销售服务有限公司', group: TONGYUAN },
  { countyCode: '520303', name: '遵义星驰奔驰汽车销售服务有限公司' },
  { countyCode: '520303', name: '遵义宝鼎宝马汽车销售服务有限公司' },
  { countyCode: '520303', name: '遵义鑫和别克汽车销售服务有限公司' },
  { countyCode: '520303', name: '遵义恒达广汽本田汽车销售服务有限公司' },
  { countyCode: '520303', name: '遵义和泰东风日产汽车销售服务有限公司' },
  { countyCode: '520302', name: '遵义宝誉广汽丰田汽车销售服务有限公司', group: BAOYU },
  { countyCode: '520302', name: '遵义通源上汽大众汽车销售服务有限公司', group: TONGYUAN },
  { countyCode: '520302', name: '遵义众诚东风本田汽车销售服务有限公司' },
  { countyCode: '520302', name: '遵义金诚吉利汽车销售服务有限公司' },
  { countyCode: '520302', name: '遵义长盛长安汽车销售服务有限公司' },
  { countyCode: '520302', name: '遵义鑫源比亚迪汽车销售服务有限公司' },
  { countyCode: '520302', name: '遵义华远北京现代汽车销售服务有限公司' },
  { countyCode: '520304', name: '遵义播州通源雪佛兰汽车销售服务有限公司', group: TONGYUAN },
  { countyCode: '520304', name: '遵义播州瑞骐奇瑞汽车销售服务有限公司' },
  { countyCode: '520304', name: '遵义播州鸿运上汽通用五菱汽车销售有限公司' },
  { countyCode: '520304', name: '遵义播州恒信长城汽车销售服务有限公司' },
  { countyCode: '520304', name: '遵义播州宏达福特汽车销售服务有限公司' },
  { countyCode: '520382', name: '仁怀宝誉丰田汽车销售服务有限公司', group: BAOYU },
  { countyCode: '520382', name: '仁怀市通源大众汽车销售服务有限公司', group: TONGYUAN },
  { countyCode: '520382', name: '仁怀市酒都吉利汽车销售服务有限公司' },
  { countyCode: '520382', name: '仁怀市鑫荣比亚迪汽车销售服务有限公司' },
  { countyCode: '520330', name: '习水县红城长安汽车销售服务有限公司' },
  { countyCode: '520330', name: '习水县东皇五菱汽车销售有限公司' },
  { countyCode: '520322', name: '桐梓县娄山汽车销售服务有限公司' },
  { countyCode: '520323', name: '绥阳县诗乡汽车销售服务有限公司' },
  { countyCode: '520328', name: '湄潭县茶城汽车销售服务有限公司' },
  { countyCode: '520381', name: '赤水市丹霞汽车销售服务有限公司' },
];

export interface PartnerEntry {
  countyCode: string;
  /** Name of the outlet (service point). */
  name: string;
  /** Legal name of the party that signs the agreement. */
  partnerName: string;
  kindLabel?: string;
}

/** Used-car markets with a 登记服务站 (转移登记 one-stop); extra to the article's counts. */
export const USED_CAR_MARKETS: PartnerEntry[] = [
  {
    countyCode: '520303',
    name: '遵义市汇川区二手车交易市场登记服务站',
    partnerName: '遵义汇川二手车交易市场有限公司',
  },
  {
    countyCode: '520302',
    name: '遵义市红花岗区二手车交易市场登记服务站',
    partnerName: '遵义红花岗二手车交易市场有限公司',
  },
  {
    countyCode: '520382',
    name: '仁怀市二手车交易市场登记服务站',
    partnerName: '仁怀市酒都二手车交易市场有限公司',
  },
];

/** Operators of the 14 社会化机动车登记服务站, one per county, in county order. */
export const REGISTRATION_OPERATOR_TRADE_NAMES: readonly string[] = [
  '凤凰',
  '汇通',
  '播州',
  '娄山',
  '诗乡',
  '吉他',
  '仡乡',
  '洪渡',
  '茶海',
  '茶城',
  '乌江',
  '红城',
  '丹霞',
  '国酒',
];

/** 10 banks (警银); one is the 警银联动 station. */
export const BANKS: PartnerEntry[] = [
  {
    countyCode: '520302',
    name: '中国工商银行遵义分行',
    partnerName: '中国工商银行股份有限公司遵义分行',
  },
  {
    countyCode: '520303',
    name: '中国建设银行遵义分行',
    partnerName: '中国建设银行股份有限公司遵义分行',
    kindLabel: '警银联动',
  },
  {
    countyCode: '520302',
    name: '中国农业银行遵义分行',
    partnerName: '中国农业银行股份有限公司遵义分行',
  },
  { countyCode: '520303', name: '中国银行遵义分行', partnerName: '中国银行股份有限公司遵义分行' },
  { countyCode: '520303', name: '交通银行遵义分行', partnerName: '交通银行股份有限公司遵义分行' },
  { countyCode: '520302', name: '贵州银行遵义分行', partnerName: '贵州银行股份有限公司遵义分行' },
  {
    countyCode: '520304',
    name: '遵义农商银行播州支行',
    partnerName: '遵义农村商业银行股份有限公司',
  },
  { countyCode: '520303', name: '招商银行遵义分行', partnerName: '招商银行股份有限公司遵义分行' },
  { countyCode: '520302', name: '兴业银行遵义分行', partnerName: '兴业银行股份有限公司遵义分行' },
  {
    countyCode: '520382',
    name: '中国邮政储蓄银行仁怀市支行',
    partnerName: '中国邮政储蓄银行股份有限公司遵义市分行',
  },
];

const FINANCE_FIRM_NAMES: [countyCode: string, firm: string][] = [
  ['520303', '上汽通用汽车金融有限责任公司'],
  ['520303', '丰田汽车金融(中国)有限公司'],
  ['520303', '大众汽车金融(中国)有限公司'],
  ['520303', '东风日产汽车金融有限公司'],
  ['520302', '比亚迪汽车金融有限公司'],
  ['520304', '奇瑞徽银汽车金融股份有限公司'],
  ['520302', '吉利汽车金融有限公司'],
  ['520302', '长安汽车金融有限公司'],
  ['520303', '广汽汇理汽车金融有限公司'],
  ['520303', '宝马汽车金融(中国)有限公司'],
];

/** 10 auto-finance firms (mortgages of their own loans), served at a 遵义服务点 each. */
export const FINANCE_FIRMS: PartnerEntry[] = FINANCE_FIRM_NAMES.map(([countyCode, firm]) => ({
  countyCode,
  name: `${firm}遵义服务点`,
  partnerName: firm,
  kindLabel: '汽车金融公司',
}));

const INSURER_BRANCHES: [countyCode: string, branch: string][] = [
  ['520302', '中国人民财产保险股份有限公司遵义市分公司'],
  ['520303', '中国平安财产保险股份有限公司遵义中心支公司'],
  ['520303', '中国太平洋财产保险股份有限公司遵义中心支公司'],
  ['520302', '中国人寿财产保险股份有限公司遵义市中心支公司'],
  ['520304', '中华联合财产保险股份有限公司遵义中心支公司'],
  ['520382', '中国大地财产保险股份有限公司仁怀支公司'],
  ['520330', '阳光财产保险股份有限公司习水支公司'],
  ['520328', '太平财产保险有限公司湄潭营销服务部'],
  ['520322', '华安财产保险股份有限公司桐梓支公司'],
];

/** The 9 警保 stations; outlet name and signing party are the local branch. */
export const INSURERS: PartnerEntry[] = INSURER_BRANCHES.map(([countyCode, branch]) => ({
  countyCode,
  name: branch,
  partnerName: branch,
}));

const HOSPITAL_NAMES: [countyCode: string, hospital: string][] = [
  ['520303', '遵义医科大学附属医院'],
  ['520302', '遵义市第一人民医院'],
  ['520302', '遵义市中医院'],
  ['520382', '仁怀市人民医院'],
];

/** The 4 警医 hospitals; the outlet is the hospital's driver medical-exam point. */
export const HOSPITALS: PartnerEntry[] = HOSPITAL_NAMES.map(([countyCode, hospital]) => ({
  countyCode,
  name: `${hospital}体检点`,
  partnerName: hospital,
}));

/** The single 警医邮 point, a post counter inside 遵义医科大学附属医院. */
export const POLICE_HOSPITAL_POST = {
  countyCode: '520303',
  name: '中国邮政集团有限公司汇川区遵医附院警医邮服务点',
  kindLabel: '警医邮',
} as const;

/** Driving-exam sites (police-run; no agreement). */
export const EXAM_SITES: { countyCode: string; name: string }[] = [
  { countyCode: '520302', name: '遵义市机动车驾驶人考试中心科目一考场' },
  { countyCode: '520302', name: '遵义市机动车驾驶人考试中心科目二科目三考场' },
  { countyCode: '520304', name: '播州区机动车驾驶人科目二科目三考场' },
  { countyCode: '520382', name: '仁怀市机动车驾驶人科目二科目三考场' },
  { countyCode: '520330', name: '习水县机动车驾驶人科目二科目三考场' },
];
