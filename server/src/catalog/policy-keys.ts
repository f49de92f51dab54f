import { z } from 'zod';
import { ANTIFRAUD_POLICY_DEFAULTS, ANTIFRAUD_POLICY_KEYS } from './antifraud-policy-keys.ts';

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
  'inspection.exemption.excludes-from-operating': {
    nameEn:
      'Inspection exemption: a car whose use was changed from operating to non-operating is inspected at a station (1 = yes, 0 = no)',
    schema: z.number().int().min(0).max(1),
    nameZh: '检验免检：由营运变更为非营运的小微型载客汽车不适用免予上线检验（1 是，0 否）',
    legalBasis: '关于深化机动车检验制度改革优化车检服务工作的意见（地方执行口径）',
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
  'fine.payment-days': {
    nameEn: 'Fines: days to pay after the penalty decision',
    schema: z.number().int().min(1).max(90),
    nameZh: '罚款缴纳期限（自处罚决定之日起，天）',
    legalBasis: '中华人民共和国行政处罚法 第六十七条',
  },
  'fine.late-fee-percent': {
    nameEn: 'Fines: late fee per day, in percent of the fine',
    schema: z.number().min(0).max(10),
    nameZh: '逾期缴纳罚款每日加处罚款比例（%）',
    legalBasis: '中华人民共和国道路交通安全法 第一百零九条',
  },
  'violation.substitute.max-plates': {
    nameEn: 'Substitute handling: most non-own vehicles one driver may take points for',
    schema: z.number().int().min(1).max(20),
    nameZh: '一名驾驶人可处理的非本人机动车记分违法数量上限（辆）',
    legalBasis: '道路交通安全违法行为记分管理办法 第十四条、第三十条（“一证三车”系统规则）',
  },
  'violation.substitute.max-drivers': {
    nameEn: 'Substitute handling: most drivers who may take points for one vehicle',
    schema: z.number().int().min(1).max(20),
    nameZh: '一辆机动车记分违法可由不同驾驶人处理的上限（人）',
    legalBasis: '道路交通安全违法行为记分管理办法 第十四条、第三十条（“一车三证”系统规则）',
  },
  'violation.substitute.window-days': {
    nameEn: 'Substitute handling: the window the two limits count in, in days',
    schema: z.number().int().min(1).max(1096),
    nameZh: '“一证三车、一车三证”统计期间（天）',
    legalBasis: '道路交通安全违法行为记分管理办法 第三十条',
  },
  'points-reduce.max-per-cycle': {
    nameEn: 'Point reduction by study: most points per cycle',
    schema: z.number().int().min(0).max(12),
    nameZh: '学法减分每个记分周期最高减免分值',
    legalBasis: '道路交通安全违法行为记分管理办法 第二十五条',
  },
  'points-reduce.online.minutes': {
    nameEn: 'Point reduction: minutes of online study for one session',
    schema: z.number().int().min(1).max(600),
    nameZh: '学法减分网上学习每次时长（分钟）',
    legalBasis: '道路交通安全违法行为记分管理办法 第二十七条',
  },
  'points-reduce.online.points': {
    nameEn: 'Point reduction: points for one online session with a passed exam',
    schema: z.number().int().min(0).max(6),
    nameZh: '学法减分网上学习考试合格每次减免分值',
    legalBasis: '道路交通安全违法行为记分管理办法 第二十七条',
  },
  'points-reduce.onsite.minutes': {
    nameEn: 'Point reduction: minutes of on-site study for one session',
    schema: z.number().int().min(1).max(600),
    nameZh: '学法减分现场学习每次时长（分钟）',
    legalBasis: '道路交通安全违法行为记分管理办法 第二十七条',
  },
  'points-reduce.onsite.points': {
    nameEn: 'Point reduction: points for one on-site session with a passed exam',
    schema: z.number().int().min(0).max(6),
    nameZh: '学法减分现场学习考试合格每次减免分值',
    legalBasis: '道路交通安全违法行为记分管理办法 第二十七条',
  },
  'points-reduce.public-welfare.minutes': {
    nameEn: 'Point reduction: minutes of public-welfare activity for one session',
    schema: z.number().int().min(1).max(600),
    nameZh: '学法减分交通安全公益活动每次时长（分钟）',
    legalBasis: '道路交通安全违法行为记分管理办法 第二十七条',
  },
  'points-reduce.public-welfare.points': {
    nameEn: 'Point reduction: points for one public-welfare session',
    schema: z.number().int().min(0).max(6),
    nameZh: '学法减分交通安全公益活动每次减免分值',
    legalBasis: '道路交通安全违法行为记分管理办法 第二十七条',
  },
  'full-score.study-days': {
    nameEn: 'Full score: days of study (classes other than A1/A2/A3/B1/B2)',
    schema: z.number().int().min(1).max(120),
    nameZh: '满分教育学习天数（一般准驾车型）',
    legalBasis: '道路交通安全违法行为记分管理办法 第十八条',
  },
  'full-score.study-days.large': {
    nameEn: 'Full score: days of study (A1/A2/A3/B1/B2)',
    schema: z.number().int().min(1).max(240),
    nameZh: '满分教育学习天数（大中型客货车准驾车型）',
    legalBasis: '道路交通安全违法行为记分管理办法 第十八条',
  },
  'full-score.study-days.max': {
    nameEn: 'Full score: most days of study (classes other than A1/A2/A3/B1/B2)',
    schema: z.number().int().min(1).max(240),
    nameZh: '满分教育学习天数上限（一般准驾车型）',
    legalBasis: '道路交通安全违法行为记分管理办法 第十八条',
  },
  'full-score.study-days.max.large': {
    nameEn: 'Full score: most days of study (A1/A2/A3/B1/B2)',
    schema: z.number().int().min(1).max(480),
    nameZh: '满分教育学习天数上限（大中型客货车准驾车型）',
    legalBasis: '道路交通安全违法行为记分管理办法 第十八条',
  },
  'licence-renew.window-days': {
    nameEn: 'Licence renewal: days before expiry from which it may be renewed',
    schema: z.number().int().min(1).max(366),
    nameZh: '驾驶证有效期满前可申请换证的天数',
    legalBasis: '机动车驾驶证申领和使用规定 第六十三条',
  },
  'medical.valid-months': {
    nameEn: 'Medical certificate: months of validity',
    schema: z.number().int().min(1).max(24),
    nameZh: '机动车驾驶人身体条件证明有效期（月）',
    legalBasis: '机动车驾驶证申领和使用规定 第八十五条',
  },
  'learner-permit.valid-months': {
    nameEn: 'Learner permit: months of validity (subjects 2 and 3 within it)',
    schema: z.number().int().min(1).max(60),
    nameZh: '学习驾驶证明有效期（月）',
    legalBasis: '机动车驾驶证申领和使用规定 第四十一条',
  },
  'exam.max-bookings': {
    nameEn: 'Exams: most bookings of subject 2 and of subject 3 within a learner permit',
    schema: z.number().int().min(1).max(20),
    nameZh: '学习驾驶证明有效期内科目二、科目三预约考试次数上限',
    legalBasis: '机动车驾驶证申领和使用规定 第四十七条',
  },
  'exam.booking-wait-days': {
    nameEn: 'Exams: days a booking waits for a place before it closes',
    schema: z.number().int().min(1).max(366),
    nameZh: '考试预约等待分配考位的最长天数',
    legalBasis: '机动车驾驶人考试预约工作规范（地方工作规范）',
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
  'supervision.rectify.working-days': {
    nameEn: 'Supervision: working days an outlet has to rectify when none is given',
    schema: z.number().int().min(1).max(120),
    nameZh: '监管：限期整改未写明期限时的整改期限（工作日）',
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
  'supervision.exam-load.examiner-max': {
    nameEn: 'Exam supervision: most exams an examiner may conduct in a day before an alert',
    schema: z.number().int().min(1).max(1000),
    nameZh: '考试监管：考试员单日考试量上限',
    legalBasis: '机动车驾驶证申领和使用规定 第五十四条',
  },
  'supervision.exam-load.site-max': {
    nameEn: 'Exam supervision: most exams an exam site may hold in a day before an alert',
    schema: z.number().int().min(1).max(20000),
    nameZh: '考试监管：考场单日考试量上限',
    legalBasis: '机动车驾驶证申领和使用规定 第五十四条',
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
  'supervision.frequent-move.max-count': {
    nameEn: 'Supervision: moves out and in of one vehicle within the window before an alert',
    schema: z.number().int().min(1).max(100),
    nameZh: '监管：同一车辆在期限内迁出、迁入次数上限',
    legalBasis: '机动车登记规定 第七十四条',
  },
  'supervision.frequent.window-days': {
    nameEn: 'Supervision: window for frequent reissue, transfer and moves, in days',
    schema: z.number().int().min(1).max(1095),
    nameZh: '监管：频繁补领、转移、迁出迁入的统计期限（天）',
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
  'citizen.binding.max-other-vehicles': {
    nameEn: 'Internet channel: most vehicles of other owners bound to one account',
    schema: z.number().int().min(0).max(20),
    nameZh: '互联网账号最多绑定非本人机动车数量',
    legalBasis: '互联网交通安全综合服务管理平台（12123）使用规则',
  },
  'citizen.binding.max-accounts-per-vehicle': {
    nameEn: "Internet channel: most accounts other than its owner's one vehicle may be bound to",
    schema: z.number().int().min(1).max(20),
    nameZh: '同一机动车最多被非所有人的互联网账号绑定的数量',
    legalBasis: '互联网交通安全综合服务管理平台（12123）使用规则',
  },
  'appointment.slot-minutes': {
    nameEn: 'Appointments: length of one slot, in minutes',
    schema: z.number().int().min(10).max(240),
    nameZh: '预约时段长度（分钟）',
    legalBasis: '车辆管理所预约服务工作规范（地方工作规范）',
  },
  'appointment.slot-capacity': {
    nameEn: 'Appointments: people one slot of an outlet takes',
    schema: z.number().int().min(1).max(500),
    nameZh: '每个预约时段可预约人数',
    legalBasis: '车辆管理所预约服务工作规范（地方工作规范）',
  },
  'appointment.days-ahead': {
    nameEn: 'Appointments: how many days ahead a slot may be booked',
    schema: z.number().int().min(1).max(90),
    nameZh: '可提前预约的天数',
    legalBasis: '车辆管理所预约服务工作规范（地方工作规范）',
  },
  'appointment.max-bookings-per-day': {
    nameEn: 'Appointments: most bookings one account makes in 24 hours (no bots)',
    schema: z.number().int().min(1).max(50),
    nameZh: '同一账号24小时内最多预约次数（防止恶意抢号）',
    legalBasis: '车辆管理所预约服务工作规范（地方工作规范）',
  },
  'callback.sample-rate': {
    nameEn: "Call-backs: share of each outlet's completed applications sampled daily",
    schema: z.number().min(0).max(1),
    nameZh: '每日抽样回访已办结业务的比例',
    legalBasis: '公安交通管理服务规范（回访制度，地方工作规范）',
  },
  ...ANTIFRAUD_POLICY_KEYS,
  'rectification.working-days': {
    nameEn: 'Ratings: working days an outlet has to rectify after a bad rating',
    schema: z.number().int().min(1).max(60),
    nameZh: '差评整改期限（工作日）',
    legalBasis:
      '国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见（国办发〔2019〕51号）',
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
    key: 'inspection.exemption.excludes-from-operating',
    value: 1,
    effectiveFrom: '2022-10-01',
    note: '检验制度改革：营运转非营运车辆按原规定定期上线检验（多地执行口径，未见于部令原文，可按地方调整）',
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
    key: 'fine.payment-days',
    value: 15,
    effectiveFrom: '2021-07-15',
    note: '当事人应当自收到行政处罚决定书之日起十五日内缴纳罚款',
  },
  {
    key: 'fine.late-fee-percent',
    value: 3,
    effectiveFrom: '2004-05-01',
    note: '到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款总额不超过罚款数额',
  },
  {
    key: 'violation.substitute.max-plates',
    value: 3,
    effectiveFrom: '2013-05-01',
    note: '“一证三车”：超过3辆非本人机动车的记分违法，暂停代为处理并核查（⚠ 系统规则，各地阈值不一）',
  },
  {
    key: 'violation.substitute.max-drivers',
    value: 3,
    effectiveFrom: '2013-05-01',
    note: '“一车三证”：同一机动车超过3名驾驶人处理记分违法，暂停代为处理并核查（⚠ 系统规则）',
  },
  {
    key: 'violation.substitute.window-days',
    value: 365,
    effectiveFrom: '2013-05-01',
    note: '统计期间为一年',
  },
  {
    key: 'points-reduce.max-per-cycle',
    value: 6,
    effectiveFrom: '2022-04-01',
    note: '一个记分周期内累计最高减免6分',
  },
  {
    key: 'points-reduce.online.minutes',
    value: 30,
    effectiveFrom: '2022-04-01',
    note: '网上学习3日内累计满30分钟且考试合格的，一次扣减1分',
  },
  {
    key: 'points-reduce.online.points',
    value: 1,
    effectiveFrom: '2022-04-01',
    note: '网上学习一次减1分',
  },
  {
    key: 'points-reduce.onsite.minutes',
    value: 60,
    effectiveFrom: '2022-04-01',
    note: '现场学习满1小时且考试合格的，一次扣减2分',
  },
  {
    key: 'points-reduce.onsite.points',
    value: 2,
    effectiveFrom: '2022-04-01',
    note: '现场学习一次减2分',
  },
  {
    key: 'points-reduce.public-welfare.minutes',
    value: 60,
    effectiveFrom: '2022-04-01',
    note: '参加交通安全公益活动满1小时为一次，一次扣减1分',
  },
  {
    key: 'points-reduce.public-welfare.points',
    value: 1,
    effectiveFrom: '2022-04-01',
    note: '交通安全公益活动一次减1分',
  },
  { key: 'full-score.study-days', value: 7, effectiveFrom: '2022-04-01', note: '满分教育7天' },
  {
    key: 'full-score.study-days.large',
    value: 30,
    effectiveFrom: '2022-04-01',
    note: 'A1、A2、A3、B1、B2准驾车型满分教育30天',
  },
  { key: 'full-score.study-days.max', value: 60, effectiveFrom: '2022-04-01', note: '最长60天' },
  {
    key: 'full-score.study-days.max.large',
    value: 120,
    effectiveFrom: '2022-04-01',
    note: '大中型客货车准驾车型最长120天',
  },
  {
    key: 'licence-renew.window-days',
    value: 90,
    effectiveFrom: '2022-04-01',
    note: '有效期满前90日内申请换证',
  },
  {
    key: 'medical.valid-months',
    value: 6,
    effectiveFrom: '2022-04-01',
    note: '身体条件证明6个月内有效',
  },
  {
    key: 'learner-permit.valid-months',
    value: 36,
    effectiveFrom: '2022-04-01',
    note: '学习驾驶证明有效期三年',
  },
  {
    key: 'exam.max-bookings',
    value: 5,
    effectiveFrom: '2022-04-01',
    note: '科目二、科目三道路驾驶技能考试均不得超过五次',
  },
  {
    key: 'exam.booking-wait-days',
    value: 60,
    effectiveFrom: '2022-04-01',
    note: '60日内未分配到考位的预约关闭，可重新预约',
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
    key: 'supervision.rectify.working-days',
    value: 15,
    effectiveFrom: '2019-01-01',
    note: '限期整改未写明期限的，15个工作日内整改到位',
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
    key: 'supervision.exam-load.examiner-max',
    value: 60,
    effectiveFrom: '2019-01-01',
    note: '默认值：考试员单日超过 60 场即预警；各地按核定的考试能力调整',
  },
  {
    key: 'supervision.exam-load.site-max',
    value: 600,
    effectiveFrom: '2019-01-01',
    note: '默认值：考场单日超过 600 场即预警；各地按核定的考位和考试员数调整',
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
    key: 'supervision.frequent-move.max-count',
    value: 2,
    effectiveFrom: '2019-01-01',
    note: '期限内迁出、迁入合计超过 2 次即预警（迁出后迁回为 2 次）',
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
  {
    key: 'citizen.binding.max-other-vehicles',
    value: 3,
    effectiveFrom: '2022-04-01',
    note: '一个账号最多绑定3辆非本人机动车',
  },
  {
    key: 'citizen.binding.max-accounts-per-vehicle',
    value: 3,
    effectiveFrom: '2022-04-01',
    note: '一辆机动车除所有人本人外最多被3个账号绑定',
  },
  {
    key: 'appointment.slot-minutes',
    value: 30,
    effectiveFrom: '2022-04-01',
    note: '每30分钟一个时段',
  },
  { key: 'appointment.slot-capacity', value: 6, effectiveFrom: '2022-04-01', note: '每时段6人' },
  { key: 'appointment.days-ahead', value: 14, effectiveFrom: '2022-04-01', note: '可预约14日内' },
  {
    key: 'appointment.max-bookings-per-day',
    value: 5,
    effectiveFrom: '2022-04-01',
    note: '同一账号24小时内最多预约5次',
  },
  { key: 'callback.sample-rate', value: 0.05, effectiveFrom: '2022-04-01', note: '每日抽样5%回访' },
  ...ANTIFRAUD_POLICY_DEFAULTS,
  {
    key: 'rectification.working-days',
    value: 15,
    effectiveFrom: '2019-12-03',
    note: '实名差评原则上15个工作日内整改反馈',
  },
];
