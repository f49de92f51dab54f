import { z } from 'zod';

// What a user reads as the basis: the working rules, never a file of the repository.
const METHOD = '打击买分卖分、非法代办和内外勾结工作要求（地方工作规范）';

/**
 * The anti-fraud detectors' parameters (issue 11): how far back they look and the threshold of
 * each kind of finding the platform stands behind. Local practice tunes them, so they are policy
 * values with effective dates like any other; `docs/ANTIFRAUD.md` says what each one does.
 */
export const ANTIFRAUD_POLICY_KEYS = {
  'antifraud.window-days': {
    nameEn: 'Anti-fraud: days of history the detectors read, up to the end of a run period',
    schema: z.number().int().min(1).max(1096),
    nameZh: '反欺诈：检测回溯天数（至运行期间末日）',
    legalBasis: '道路交通安全违法行为记分管理办法 第三十条',
  },
  'antifraud.point-trading.min-score': {
    nameEn: 'Point trading: least weighted density (FRAUDAR) of a reported ring',
    schema: z.number().min(0).max(10),
    nameZh: '买分卖分：报告团伙的最低加权密度（FRAUDAR）',
    legalBasis: METHOD,
  },
  'antifraud.point-trading.min-drivers': {
    nameEn: 'Point trading: least drivers of a reported ring',
    schema: z.number().int().min(2).max(100),
    nameZh: '买分卖分：报告团伙的最少驾驶人数',
    legalBasis: METHOD,
  },
  'antifraud.point-trading.min-owners': {
    nameEn: 'Point trading: least unrelated owners whose points a reported ring took',
    schema: z.number().int().min(1).max(1000),
    nameZh: '买分卖分：报告团伙涉及的最少无关车主数',
    legalBasis: METHOD,
  },
  'antifraud.household.max-people': {
    nameEn: 'Households: most people sharing a phone or device that still ties them as a family',
    schema: z.number().int().min(2).max(10),
    nameZh: '家庭共用电话或设备的最多人数',
    legalBasis: METHOD,
  },
  'antifraud.illegal-agent.min-applicants': {
    nameEn: 'Illegal agents: least unrelated applicants of a reported agent',
    schema: z.number().int().min(2).max(1000),
    nameZh: '非法代办：报告代理人的最少无关申请人数',
    legalBasis: '机动车登记规定 第八十六条；机动车驾驶证申领和使用规定 第一百零五条',
  },
  'antifraud.illegal-agent.min-score': {
    nameEn: 'Illegal agents: least score log2(1 + applicants) × (1 + log2(identities))',
    schema: z.number().min(0).max(100),
    nameZh: '非法代办：报告的最低评分',
    legalBasis: METHOD,
  },
  'antifraud.collusion.min-business': {
    nameEn: 'Insider collusion: least visits of one broker one staff member handled',
    schema: z.number().int().min(1).max(1000),
    nameZh: '内外勾结：同一工作人员经办同一中介来办的最少次数',
    legalBasis: '机动车登记规定 第八十三条；机动车驾驶证申领和使用规定 第一百零三条',
  },
  'antifraud.collusion.max-fdr': {
    nameEn:
      'Insider collusion: false discovery rate (Benjamini–Hochberg) of the staff members named over all tests',
    schema: z.number().min(0).max(0.2),
    nameZh: '内外勾结：多重检验的错误发现率上限（Benjamini–Hochberg）',
    legalBasis: METHOD,
  },
} as const;

/** The defaults an installation starts with (calibrated on the synthetic city, docs/ANTIFRAUD.md). */
const DEFAULTS: { key: keyof typeof ANTIFRAUD_POLICY_KEYS; value: number; note: string }[] = [
  { key: 'antifraud.window-days', value: 365, note: '一个记分周期' },
  { key: 'antifraud.point-trading.min-score', value: 0.42, note: '三人团伙各代处理两辆以上即达到' },
  { key: 'antifraud.point-trading.min-drivers', value: 2, note: '至少2名驾驶人' },
  {
    key: 'antifraud.point-trading.min-owners',
    value: 2,
    note: '至少2名无关车主（家庭、单位车辆已先行排除）',
  },
  { key: 'antifraud.household.max-people', value: 4, note: '4人及以下共用视为家庭' },
  { key: 'antifraud.illegal-agent.min-applicants', value: 6, note: '至少6名无关申请人' },
  { key: 'antifraud.illegal-agent.min-score', value: 3, note: '单一身份约8名申请人，轮换身份更少' },
  { key: 'antifraud.collusion.min-business', value: 5, note: '至少5次来办' },
  { key: 'antifraud.collusion.max-fdr', value: 0.01, note: '点名的工作人员中误报不超过1%' },
];
export const ANTIFRAUD_POLICY_DEFAULTS = DEFAULTS.map((v) => ({
  ...v,
  effectiveFrom: '2022-04-01',
}));
