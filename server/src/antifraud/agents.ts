import { businessTypeInfo } from '#shared/catalog.ts';
import type { EvidenceItem, GraphLink } from '#shared/schemas/antifraud.ts';
import {
  atNight,
  CHANNEL_ZH,
  DisjointSets,
  modeOf,
  ownDeviceKey,
  round,
  sorted,
  surnameOf,
  tally,
  type AgencyEvent,
  type FindingDraft,
  isContactIdentity,
  maskPhone,
  type Names,
} from './graph.ts';

export interface AgentParams {
  /** Least number of unrelated applicants one agent entity serves before it is reported. */
  minApplicants: number;
  /** Least score: log2(1 + unrelated applicants) × (1 + log2(identities)). */
  minScore: number;
  /** A phone or device shared by more agent identities than this ties none of them (a hub). */
  hubIdentities: number;
}

/**
 * Outlets where acting for others is the outlet's business (R164 §86, the reform's delegation):
 * a dealer registers the cars it sells, a registration station the transfers it brokers, banks
 * and insurers their customers' mortgages and marks. Their staff acting there are hard negatives.
 */
export const AGENCY_OUTLETS = [
  'dealer',
  'used-car-market',
  'registration-station',
  'inspection-station',
  'bank',
  'insurer',
  'hospital',
  'exam-site',
] as const;

/** A driving school's business for its trainees: applying for a licence and booking exams. */
export const SCHOOL_BUSINESS = ['licence.apply', 'exam.book'] as const;

/** One agent entity: the identities that entity resolution over contacts ties together. */
export interface AgentEntity {
  identities: string[];
  /** Every contact its business used (its phones and devices, and those it gave for others). */
  contacts: string[];
  /** The contacts two or more of its identities used: what ties them into one entity. */
  ties: string[];
  events: AgencyEvent[];
}

const contactsOf = (e: AgencyEvent) => {
  const keys: string[] = [];
  if (e.agentPhone) keys.push(`phone:${e.agentPhone}`);
  // An agent who gives his own phone for the applicant ties himself to it.
  if (e.applicantPhone) keys.push(`phone:${e.applicantPhone}`);
  const device = ownDeviceKey(e);
  if (device) keys.push(device);
  return keys;
};

/**
 * Entity resolution over contacts: agent identities that share a phone or device are one entity
 * (an agent rotating identities keeps his phone), unless the contact is a hub many identities use.
 */
export function resolveAgents(events: readonly AgencyEvent[], hubIdentities: number) {
  const users = new Map<string, Set<string>>();
  for (const e of events) {
    for (const k of contactsOf(e)) {
      const set = users.get(k) ?? new Set<string>();
      set.add(e.agent);
      users.set(k, set);
    }
  }
  const ties = new DisjointSets();
  for (const people of users.values()) {
    if (people.size <= hubIdentities) ties.unionAll([...people].sort());
  }
  const entities = new Map<string, AgentEntity>();
  for (const e of events) {
    const root = ties.find(e.agent);
    const entity = entities.get(root) ?? { identities: [], contacts: [], ties: [], events: [] };
    entity.events.push(e);
    entities.set(root, entity);
  }
  for (const entity of entities.values()) {
    entity.identities = sorted(entity.events.map((e) => e.agent));
    entity.contacts = sorted(
      entity.events.flatMap(contactsOf).filter((k) => (users.get(k)?.size ?? 0) <= hubIdentities),
    );
    entity.ties = entity.contacts.filter((k) => users.get(k)!.size > 1);
  }
  return [...entities.values()].sort((a, b) => a.identities[0]!.localeCompare(b.identities[0]!));
}

/**
 * 非法代办: one agent entity (identities tied by shared phones or devices) acting for many
 * unrelated applicants at police windows or online, where agency is not an outlet's business.
 * Relatives (the same surname as one of the entity's identities) and a driving school's licence
 * business for its trainees are ordinary life. Agency by an undeclared agent (`undeclared.ts`)
 * comes in under its contact as identity and counts as no identity of its own in the score.
 */
export function detectIllegalAgents(
  events: readonly AgencyEvent[],
  names: Names,
  p: AgentParams,
): { findings: FindingDraft[]; entities: AgentEntity[] } {
  const outside = events.filter(
    (e) =>
      e.agent !== e.applicant &&
      !(AGENCY_OUTLETS as readonly string[]).includes(e.outletCategory ?? ''),
  );
  const entities = resolveAgents(outside, p.hubIdentities);
  const findings: FindingDraft[] = [];
  for (const entity of entities) {
    const school = entity.events.every((e) =>
      (SCHOOL_BUSINESS as readonly string[]).includes(e.businessType),
    );
    if (school) continue;
    const surnames = new Set(
      entity.identities.map((id) => names.get(id)).flatMap((n) => (n ? [surnameOf(n)] : [])),
    );
    const unrelated = entity.events.filter((e) => {
      const name = names.get(e.applicant);
      return !(name && surnames.has(surnameOf(name)));
    });
    const applicants = sorted(unrelated.map((e) => e.applicant));
    const declared = entity.identities.filter((id) => !isContactIdentity(id)).length;
    const score = Math.log2(1 + applicants.length) * (1 + Math.log2(Math.max(1, declared)));
    if (applicants.length < p.minApplicants || score < p.minScore) continue;
    findings.push(agentFinding(entity, unrelated, applicants, score));
  }
  return { findings, entities };
}

function agentFinding(
  entity: AgentEntity,
  unrelated: AgencyEvent[],
  applicants: string[],
  score: number,
): FindingDraft {
  const ev = unrelated;
  const declared = entity.identities.filter((id) => !isContactIdentity(id));
  const types = [...tally(ev, (e) => e.businessType).entries()].sort((a, b) => b[1] - a[1]);
  const channels = [...tally(ev, (e) => e.channel).entries()].sort();
  const staff = [...tally(ev, (e) => e.staffId).entries()].sort((a, b) => b[1] - a[1]);
  const night = ev.filter((e) => atNight(e.at)).length;
  const refused = ev.filter((e) => e.status === 'refused').length;
  // Only what two identities share ties them: an applicant's own phone, used once, does not.
  const shared = entity.ties.map((k) => k.replace(/^phone:/, '电话 ').replace(/^device:/, '设备 '));
  const byDeclared = ev.filter((e) => !isContactIdentity(e.agent));
  const byContact = ev.filter((e) => isContactIdentity(e.agent));
  const served = new Set(byDeclared.map((e) => e.applicant)).size;
  const evidence: EvidenceItem[] = [
    ...(declared.length
      ? [
          {
            text: `${declared.length} 个代理人身份为 ${served} 名无关申请人代办业务 ${byDeclared.length} 笔`,
            textEn: `${declared.length} agent identities applied for ${served} unrelated applicants in ${byDeclared.length} applications`,
            count: byDeclared.length,
          },
        ]
      : []),
    ...undeclaredEvidence(byContact),
    ...(declared.length > 1
      ? [
          {
            text: `这些身份通过共用的联系方式关联：${shared.join('、')}`,
            textEn: `The identities are tied by shared contacts: ${entity.ties.join(', ')}`,
            count: entity.ties.length,
          },
        ]
      : []),
    {
      text: `业务类型：${types.map(([t, n]) => `${businessTypeInfo(t)?.nameZh ?? t} ${n} 笔`).join('，')}；渠道：${channels.map(([c, n]) => `${CHANNEL_ZH[c] ?? c} ${n} 笔`).join('，')}；均不在代办属正常业务的网点（4S店、登记服务站等）`,
      textEn: `Business: ${types.map(([t, n]) => `${businessTypeInfo(t)?.nameEn ?? t} ${n}`).join(', ')}; channels: ${channels.map(([c, n]) => `${c} ${n}`).join(', ')}; none at outlets where agency is normal (dealers, registration stations)`,
    },
  ];
  if (staff.length) {
    const [top, n] = staff[0]!;
    evidence.push({
      text: `经办工作人员 ${staff.length} 名，其中 ${top} 经办 ${n} 笔；退办 ${refused} 笔；夜间办理 ${night} 笔`,
      textEn: `${staff.length} staff handled them, ${top} ${n} of them; ${refused} refused; ${night} at night`,
      count: n,
    });
  }
  const links: GraphLink[] = [];
  for (const [k, count] of [...tally(byDeclared, (e) => `${e.agent}\u0000${e.applicant}`)].sort()) {
    const [agent, applicant] = k.split('\u0000') as [string, string];
    links.push({
      from: { kind: 'person', id: agent },
      to: { kind: 'person', id: applicant },
      relation: 'agent-for',
      count,
    });
  }
  // An undeclared agent is his contacts: the applicants gave them as theirs.
  const gave = byContact.flatMap((e) => [
    ...(e.applicantPhone
      ? [{ applicant: e.applicant, kind: 'phone' as const, id: e.applicantPhone }]
      : []),
    ...(e.device ? [{ applicant: e.applicant, kind: 'device' as const, id: e.device }] : []),
  ]);
  for (const [k, count] of [
    ...tally(gave, (g) => `${g.applicant}\u0000${g.kind}\u0000${g.id}`),
  ].sort()) {
    const [applicant, kind, id] = k.split('\u0000') as [string, 'phone' | 'device', string];
    links.push({
      from: { kind: 'person', id: applicant },
      to: { kind, id },
      relation: kind === 'phone' ? 'used-phone' : 'used-device',
      count,
    });
  }
  for (const [k, count] of [
    ...tally(ev, (e) => e.agentPhone && `${e.agent}\u0000${e.agentPhone}`),
  ].sort()) {
    const [agent, phone] = k.split('\u0000') as [string, string];
    links.push({
      from: { kind: 'person', id: agent },
      to: { kind: 'phone', id: phone },
      relation: 'used-phone',
      count,
    });
  }
  return {
    kind: 'illegal-agent',
    score: round(score),
    core: entity.identities,
    countyCode: modeOf(ev.map((e) => e.countyCode)),
    // An undeclared agent's identity is unknown: the applicants served, and nobody else.
    people: sorted([...declared, ...applicants]),
    plates: [],
    // Clerks who merely processed the business are evidence, not members (insider collusion is
    // where a clerk tied to the agent is named).
    staff: [],
    phones: sorted(entity.contacts.filter((k) => k.startsWith('phone:')).map((k) => k.slice(6))),
    devices: sorted(entity.contacts.filter((k) => k.startsWith('device:')).map((k) => k.slice(7))),
    evidence,
    links,
  };
}

/**
 * What the contacts many unrelated applicants gave without an agent show a supervisor: one item a
 * contact (such events carry only the contacts found shared).
 */
function undeclaredEvidence(ev: AgencyEvent[]): EvidenceItem[] {
  const contacts = new Map<string, AgencyEvent[]>();
  for (const e of ev) {
    for (const k of [
      e.applicantPhone && `phone:${e.applicantPhone}`,
      e.device && `device:${e.device}`,
    ]) {
      if (k) contacts.set(k, [...(contacts.get(k) ?? []), e]);
    }
  }
  // Phones first: what a supervisor calls.
  const order = (k: string) => `${k.startsWith('phone:') ? 0 : 1}${k}`;
  return [...contacts]
    .sort(([a], [b]) => order(a).localeCompare(order(b)))
    .map(([key, mine]) => {
      const n = new Set(mine.map((e) => e.applicant)).size;
      const [kind, contact] = key.split(/:(.*)/) as ['phone' | 'device', string];
      const zh =
        kind === 'phone' ? `同一手机号 ${maskPhone(contact)}` : `同一网上办理设备 ${contact}`;
      const en =
        kind === 'phone' ? `One phone ${maskPhone(contact)}` : `One online device ${contact}`;
      return {
        text: `${zh} 为 ${n} 名无亲属关系的申请人办理业务 ${mine.length} 笔，均未登记代理人`,
        textEn: `${en} was given for ${n} unrelated applicants in ${mine.length} applications, none declaring an agent`,
        count: mine.length,
      };
    });
}
