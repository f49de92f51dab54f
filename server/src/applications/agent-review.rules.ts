import type { Subject } from '#shared/catalog.ts';
import type { Rule } from './rules.ts';

/**
 * A review flag on an agent (代办人审核标记), a measure of an anti-fraud case. Agency is lawful on
 * the conditions of R164 §86 (registration: the agent's own identity and the owner's power of
 * attorney) and R162 §105 (licence business): while the detachment reviews whether a person's
 * agency is genuine, the office does not accept that person's representation, and the applicant
 * comes in person or entrusts someone else. Paying a fine (the one violation business an agent
 * may do) has no agency article of its own; its nearest basis is R163 §30, the article on
 * brokers of substitute handling (中介).
 */
export const AGENCY_BASIS: Record<Subject, string> = {
  vehicle: '机动车登记规定 第八十六条',
  licence: '机动车驾驶证申领和使用规定 第一百零五条',
  violation: '道路交通安全违法行为记分管理办法 第三十条',
  person: '机动车登记规定 第八十六条；机动车驾驶证申领和使用规定 第一百零五条',
};

/** What deciding a flag needs: its last day, today, and a flag already standing on the person. */
export interface FlagFacts {
  today: string;
  until: string;
  standing: { caseId: string; until: string } | null;
}

/** A flag stands for a period that has not already ended. */
export const flagPeriodOpen: Rule<FlagFacts> = {
  code: 'FLAG_PERIOD_ENDED',
  legalBasis: AGENCY_BASIS.person,
  check: (f) =>
    f.until < f.today
      ? {
          message: `审核标记的截止日期 ${f.until} 早于今天 ${f.today}`,
          remedy: '请填写今天或以后的截止日期',
          messageEn: `The flag's last day ${f.until} is before today, ${f.today}.`,
          remedyEn: 'Give a last day of today or later.',
        }
      : null,
};

/** One standing flag per person: a second changes nothing. */
export const notAlreadyFlagged: Rule<FlagFacts> = {
  code: 'ALREADY_FLAGGED',
  legalBasis: AGENCY_BASIS.person,
  check: (f) =>
    f.standing
      ? {
          message: `该人员已因案件 ${f.standing.caseId} 被标记为待审核代办人（至 ${f.standing.until}）`,
          remedy: '无需重复标记；如需调整期限，请在原案件中解除后重新标记',
          messageEn: `This person is already flagged as an agent under review by case ${f.standing.caseId} (until ${f.standing.until}).`,
          remedyEn:
            'No second flag is needed; to change its period, lift it in the original case and flag again.',
        }
      : null,
};

export const AGENT_FLAG_RULES: readonly Rule<FlagFacts>[] = [flagPeriodOpen, notAlreadyFlagged];

/** What the pipeline knows when an application names an agent. */
export interface AgentFacts {
  agent: { name: string };
  /** The flag standing on the agent today, if any. */
  flag: { until: string } | null;
}

/**
 * The 1331 item for an application whose agent is under review: refused, not completed
 * silently, citing the agency article of the business's subject.
 */
const agentUnderReview = (subject: Subject): Rule<AgentFacts> => ({
  code: 'AGENT_UNDER_REVIEW',
  legalBasis: AGENCY_BASIS[subject],
  check: (f) =>
    f.flag
      ? {
          message: `代理人${f.agent.name}涉嫌违规代办，正在接受审核（至 ${f.flag.until}），审核期间不受理其代理的业务`,
          remedy:
            '请申请人本人携带身份证明到场办理，或另行委托代理人（代理人须持本人身份证明和申请人的委托书）',
          messageEn: `The agent ${f.agent.name} is under review for suspected irregular agency (until ${f.flag.until}); applications they make for others are not accepted meanwhile.`,
          remedyEn:
            "The applicant may come in person with proof of identity, or entrust another agent (who brings their own ID and the applicant's power of attorney).",
        }
      : null,
});

export const AGENT_REVIEW_RULE: Readonly<Record<Subject, Rule<AgentFacts>>> = {
  vehicle: agentUnderReview('vehicle'),
  licence: agentUnderReview('licence'),
  violation: agentUnderReview('violation'),
  person: agentUnderReview('person'),
};
