import type { BusinessTypeCode } from './catalog.ts';

/**
 * Application lifecycles as data (DESIGN.md, "Lifecycles"). Every application is decided when
 * it is submitted: refused, completed at once, or accepted into the first stage of its business
 * type's lifecycle. From there, events (a stage done, a result recorded, a deadline passed, a
 * withdrawal) move it on through the same machinery as the submission. Server and web app both
 * read these tables: the server to allow a transition, the web app to name stages and offer the
 * events a clerk may fire.
 */
export const APPLICATION_STATUSES = [
  'accepted',
  'completed',
  'refused',
  'withdrawn',
  'expired',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Statuses an application can never leave. */
export const CLOSED_STATUSES: readonly ApplicationStatus[] = [
  'completed',
  'refused',
  'withdrawn',
  'expired',
];

/**
 * The status machine every business type shares. `submitted` is the moment of submission, before
 * the pipeline's decision; it is never stored.
 */
export const STATUS_TRANSITIONS: Readonly<
  Record<'submitted' | ApplicationStatus, readonly ApplicationStatus[]>
> = {
  submitted: ['accepted', 'completed', 'refused'],
  accepted: ['accepted', 'completed', 'refused', 'withdrawn', 'expired'],
  completed: [],
  refused: [],
  withdrawn: [],
  expired: [],
};

export interface StageDefinition {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Working days this stage may take (its own SLA clock, restarted on entry). */
  slaWorkingDays: number;
  /** Whether the applicant may still withdraw the application in this stage. */
  withdrawable: boolean;
}

/** Where an event may lead: another stage, or a closing status. */
export type EventTarget = { stage: string } | Exclude<ApplicationStatus, 'accepted'>;

export interface EventDefinition {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Stages in which the event may happen. */
  from: readonly string[];
  /** Where it may lead; the handler's effects pick one (e.g. passed or failed). */
  to: readonly EventTarget[];
  /**
   * Who fires it: staff at an outlet (`clerk`), the platform itself when a stage's deadline
   * passes (`deadline`, with the number of calendar days, or of calendar months, after entering
   * the stage, a policy key), or the platform when another registry records the fact the stage
   * waits for (`platform`, e.g. an exam site's result).
   */
  by:
    | { kind: 'clerk' }
    | { kind: 'deadline'; afterDaysPolicy: string }
    | { kind: 'deadline'; afterMonthsPolicy: string }
    | { kind: 'platform' };
}

export interface LifecycleDefinition {
  stages: readonly StageDefinition[];
  events: readonly EventDefinition[];
}

/** The withdrawal every lifecycle offers in its withdrawable stages. */
export const WITHDRAW_EVENT = 'withdraw';

/**
 * Supervision turns an open internet application to on-site handling (R164 §74(五)): it leaves
 * the online flow as a withdrawal does (same stages, same effects), closing as `withdrawn` with
 * the advice to come to a window in its result.
 */
export const ONSITE_EVENT = 'to-onsite';

/**
 * 号牌补领 (R164 §51): accepted at once with a temporary plate for the meantime, then the plate is
 * made (same number) and handed over within 15 working days in all.
 */
const PLATE_REISSUE: LifecycleDefinition = {
  stages: [
    {
      code: 'plate-in-production',
      nameZh: '号牌制作中',
      nameEn: 'Plate being made',
      slaWorkingDays: 13,
      withdrawable: true,
    },
    {
      code: 'plate-ready',
      nameZh: '待领取号牌',
      nameEn: 'Plate ready for collection',
      slaWorkingDays: 2,
      withdrawable: false,
    },
  ],
  events: [
    {
      code: 'plate-produced',
      nameZh: '号牌制作完成',
      nameEn: 'Plate made',
      from: ['plate-in-production'],
      to: [{ stage: 'plate-ready' }],
      by: { kind: 'clerk' },
    },
    {
      code: 'plate-handed-over',
      nameZh: '号牌已领取',
      nameEn: 'Plate handed over',
      from: ['plate-ready'],
      to: ['completed'],
      by: { kind: 'clerk' },
    },
    {
      code: 'collection-deadline',
      nameZh: '逾期未领取',
      nameEn: 'Not collected in time',
      from: ['plate-ready'],
      to: ['expired'],
      by: { kind: 'deadline', afterDaysPolicy: 'plate-reissue.collection-days' },
    },
  ],
};

/**
 * 初次申领/增加准驾车型 (R162 §§22, 30–47, 60): accepted with a receipt; passing subject 1 brings
 * the learner permit (学习驾驶证明, §40) and the skills stage, in which subjects 2, 3 and 4 (安全
 * 文明驾驶常识) are taken within the permit's validity; when all are passed the licence is issued.
 * The exam sites' results move it on; a fifth failed booking voids the passed subjects (§47), and
 * an expired permit ends the application (§41).
 */
const LICENCE_APPLY: LifecycleDefinition = {
  stages: [
    {
      code: 'theory',
      nameZh: '待考科目一',
      nameEn: 'Awaiting subject 1',
      slaWorkingDays: 60,
      withdrawable: true,
    },
    {
      code: 'skills',
      nameZh: '持学习驾驶证明考试中',
      nameEn: 'Learner permit: skills exams',
      slaWorkingDays: 750,
      withdrawable: true,
    },
  ],
  events: [
    {
      code: 'theory-passed',
      nameZh: '科目一考试合格',
      nameEn: 'Subject 1 passed',
      from: ['theory'],
      to: [{ stage: 'skills' }],
      by: { kind: 'platform' },
    },
    {
      code: 'restored',
      nameZh: '科目一考试合格，恢复驾驶资格',
      nameEn: 'Subject 1 passed: driving qualification restored',
      from: ['theory'],
      to: ['completed'],
      by: { kind: 'platform' },
    },
    {
      code: 'all-passed',
      nameZh: '全部科目考试合格，核发驾驶证',
      nameEn: 'All subjects passed: licence issued',
      from: ['skills'],
      to: ['completed'],
      by: { kind: 'platform' },
    },
    {
      code: 'exams-voided',
      nameZh: '第五次预约考试仍不合格，已考科目成绩作废',
      nameEn: 'Fifth booking failed: passed subjects void',
      from: ['skills'],
      to: ['expired'],
      by: { kind: 'platform' },
    },
    {
      code: 'permit-expired',
      nameZh: '学习驾驶证明有效期届满',
      nameEn: 'Learner permit expired',
      from: ['skills'],
      to: ['expired'],
      by: { kind: 'deadline', afterMonthsPolicy: 'learner-permit.valid-months' },
    },
  ],
};

/**
 * 考试预约 (R162 §§39, 43–47): the booking waits for the ranking, which allocates it a session
 * when the session closes; it is then taken (the exam site's result), or cancelled at least a day
 * before the exam (§46). A booking the ranking never reaches expires.
 */
const EXAM_BOOK: LifecycleDefinition = {
  stages: [
    {
      code: 'waiting',
      nameZh: '等待排序分配考位',
      nameEn: 'Waiting for a place',
      slaWorkingDays: 20,
      withdrawable: true,
    },
    {
      code: 'booked',
      nameZh: '已分配考试场次',
      nameEn: 'Session allocated',
      slaWorkingDays: 20,
      withdrawable: false,
    },
  ],
  events: [
    {
      code: 'allocated',
      nameZh: '排序分配考试场次',
      nameEn: 'Session allocated by the ranking',
      from: ['waiting'],
      to: [{ stage: 'booked' }],
      by: { kind: 'platform' },
    },
    {
      code: 'cancel',
      nameZh: '取消预约',
      nameEn: 'Booking cancelled',
      from: ['booked'],
      to: ['withdrawn'],
      by: { kind: 'clerk' },
    },
    {
      code: 'exam-taken',
      nameZh: '已参加考试',
      nameEn: 'Exam taken',
      from: ['booked'],
      to: ['completed'],
      by: { kind: 'platform' },
    },
    {
      // R162 §46: a no-show is a fail. The exam site reports the ones who came; a booking whose
      // day passed with nothing posted is closed by the platform the night after.
      code: 'no-show',
      nameZh: '考试日已过未参加考试，按缺考处理',
      nameEn: 'Exam day over with no result: a no-show',
      from: ['booked'],
      to: ['expired'],
      by: { kind: 'platform' },
    },
    {
      code: 'not-allocated',
      nameZh: '未分配到考位，预约关闭',
      nameEn: 'No place allocated: booking closed',
      from: ['waiting'],
      to: ['expired'],
      by: { kind: 'deadline', afterDaysPolicy: 'exam.booking-wait-days' },
    },
  ],
};

/** A desk of the one-lane registration: a stage of one visit, each finished by its own staff. */
const laneStage = (code: string, nameZh: string, nameEn: string, withdrawable: boolean) => ({
  code,
  nameZh,
  nameEn,
  // The lane is one visit; the stage clock only flags a vehicle left waiting overnight.
  slaWorkingDays: 1,
  withdrawable,
});
const laneEvent = (
  code: string,
  nameZh: string,
  nameEn: string,
  from: string,
  to: EventTarget,
) => ({
  code,
  nameZh,
  nameEn,
  from: [from],
  to: [to],
  by: { kind: 'clerk' } as const,
});

/**
 * 通道式上牌 (one-lane registration, R164 §§10–15, 43): at an office, a `vehicle.register` with
 * `data.lane` is accepted with a receipt and passes five desks in one visit. The vehicle is
 * checked against its papers, the application reviewed, the number chosen (and held), the
 * certificates made (the vehicle enters the registry then), and the plates fitted, which
 * completes it. A registration without `lane` completes at once and never enters these stages.
 */
const LANE_REGISTRATION: LifecycleDefinition = {
  stages: [
    laneStage('vehicle-check', '机动车查验', 'Vehicle check', true),
    laneStage('acceptance', '受理审核', 'Acceptance review', true),
    laneStage('number-selection', '选号', 'Number selection', true),
    laneStage('certificates', '制证', 'Certificates', true),
    laneStage('plate-fitting', '安装号牌', 'Plate fitting', false),
  ],
  events: [
    laneEvent('vehicle-checked', '查验完成', 'Vehicle checked', 'vehicle-check', {
      stage: 'acceptance',
    }),
    laneEvent('application-reviewed', '受理审核通过', 'Application reviewed', 'acceptance', {
      stage: 'number-selection',
    }),
    laneEvent('number-selected', '号牌号码已选定', 'Number selected', 'number-selection', {
      stage: 'certificates',
    }),
    laneEvent('certificates-issued', '证件已制发', 'Certificates issued', 'certificates', {
      stage: 'plate-fitting',
    }),
    laneEvent('plate-fitted', '号牌已安装', 'Plates fitted', 'plate-fitting', 'completed'),
  ],
};

export const LIFECYCLES: Partial<Record<BusinessTypeCode, LifecycleDefinition>> = {
  'vehicle.plate-reissue': PLATE_REISSUE,
  'licence.apply': LICENCE_APPLY,
  'exam.book': EXAM_BOOK,
  'vehicle.register': LANE_REGISTRATION,
};

export function lifecycleOf(type: string): LifecycleDefinition | undefined {
  return Object.hasOwn(LIFECYCLES, type) ? LIFECYCLES[type as BusinessTypeCode] : undefined;
}

export function stageOf(type: string, stage: string): StageDefinition | undefined {
  return lifecycleOf(type)?.stages.find((s) => s.code === stage);
}

/**
 * The events staff may fire in a stage, withdrawal included where it is allowed (deadline events
 * are the platform's own and are not offered).
 */
export function eventsFrom(type: string, stage: string): string[] {
  const lifecycle = lifecycleOf(type);
  if (!lifecycle) return [];
  const own = lifecycle.events
    .filter((e) => e.from.includes(stage) && e.by.kind === 'clerk')
    .map((e) => e.code);
  return stageOf(type, stage)?.withdrawable ? [...own, WITHDRAW_EVENT] : own;
}

/** The status and stage an event target means. */
export function targetState(target: EventTarget): {
  status: ApplicationStatus;
  stage: string | null;
} {
  return typeof target === 'string'
    ? { status: target, stage: null }
    : { status: 'accepted', stage: target.stage };
}

/**
 * Problems with a lifecycle definition: unknown stages, events without a way out, unreachable
 * stages. Empty for a sound one; the registry refuses to start otherwise.
 */
export function lifecycleProblems(l: LifecycleDefinition): string[] {
  const stages = new Set(l.stages.map((s) => s.code));
  const problems: string[] = [];
  if (!l.stages.length) problems.push('no stages');
  if (stages.size !== l.stages.length) problems.push('duplicate stage codes');
  const codes = new Set<string>();
  for (const e of l.events) {
    if (codes.has(e.code) || e.code === WITHDRAW_EVENT) problems.push(`duplicate event ${e.code}`);
    codes.add(e.code);
    for (const f of e.from) if (!stages.has(f)) problems.push(`${e.code}: unknown stage ${f}`);
    if (!e.to.length) problems.push(`${e.code}: leads nowhere`);
    for (const t of e.to) {
      const { stage } = targetState(t);
      if (stage !== null && !stages.has(stage)) problems.push(`${e.code}: unknown target ${stage}`);
    }
  }
  const reachable = new Set([l.stages[0]?.code]);
  for (let grew = true; grew;) {
    grew = false;
    for (const e of l.events) {
      if (!e.from.some((f) => reachable.has(f))) continue;
      for (const t of e.to) {
        const { stage } = targetState(t);
        if (stage && !reachable.has(stage)) {
          reachable.add(stage);
          grew = true;
        }
      }
    }
  }
  for (const s of stages) if (!reachable.has(s)) problems.push(`stage ${s} is unreachable`);
  for (const s of stages) {
    const out = l.events.filter((e) => e.from.includes(s));
    if (!out.length) problems.push(`stage ${s} has no way out`);
  }
  return problems;
}
