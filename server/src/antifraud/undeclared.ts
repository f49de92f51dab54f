import { AGENCY_OUTLETS, SCHOOL_BUSINESS } from './agents.ts';
import { ownDeviceKey, surnameOf, type AgencyEvent, type Names } from './graph.ts';

export interface UndeclaredParams {
  /** Least number of unrelated applicants one contact serves (the declared agents' threshold). */
  minApplicants: number;
  /** A family sharing one phone: this many people of one surname count as one household. */
  householdMaxPeople: number;
}

const phoneKey = (e: AgencyEvent) => (e.applicantPhone ? `phone:${e.applicantPhone}` : null);

/**
 * How many unrelated applicants a contact serves: people of one surname up to a household's size
 * are one family sharing a home phone (a spouse's family name differs, so a family is at most a
 * few surname groups); a surname group larger than any household is as many strangers.
 */
export function unrelatedApplicants(
  applicants: Iterable<string>,
  names: Names,
  householdMax: number,
) {
  const groups = new Map<string, number>();
  for (const id of applicants) {
    const name = names.get(id);
    const key = name ? `surname:${surnameOf(name)}` : id;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  let n = 0;
  for (const size of groups.values()) n += size <= householdMax ? 1 : size;
  return n;
}

/**
 * 非法代办 without a declared agent: applications (`agent` empty) whose applicant phone, or own
 * online device, many unrelated applicants give. Returned as agency by the contact itself
 * (`agent` = the contact key), carrying only the contacts found shared, so that the declared
 * agents' entity resolution ties them to a declared agent using the same contact and scores
 * them on the same scale. Left out as ordinary life: the agency outlets' own business (a dealer
 * gives its phone for the cars it sells), a driving school's licence business for its trainees,
 * families sharing a phone, an organisation's fleet (one applicant however many vehicles).
 */
export function undeclaredAgency(
  events: readonly AgencyEvent[],
  names: Names,
  p: UndeclaredParams,
): AgencyEvent[] {
  const eligible = events.filter(
    (e) =>
      !(AGENCY_OUTLETS as readonly string[]).includes(e.outletCategory ?? '') &&
      !(SCHOOL_BUSINESS as readonly string[]).includes(e.businessType),
  );
  const users = new Map<string, Set<string>>();
  for (const e of eligible) {
    for (const k of [phoneKey(e), ownDeviceKey(e)]) {
      if (!k) continue;
      const set = users.get(k) ?? new Set<string>();
      set.add(e.applicant);
      users.set(k, set);
    }
  }
  const shared = new Set(
    [...users]
      .filter(([, a]) => unrelatedApplicants(a, names, p.householdMaxPeople) >= p.minApplicants)
      .map(([k]) => k),
  );
  return eligible.flatMap((e) => {
    const phone = phoneKey(e);
    const device = ownDeviceKey(e);
    const agent = [phone, device].find((k) => k !== null && shared.has(k));
    if (!agent) return [];
    return [
      {
        ...e,
        agent,
        agentPhone: null,
        applicantPhone: phone && shared.has(phone) ? e.applicantPhone : null,
        device: device && shared.has(device) ? e.device : null,
      },
    ];
  });
}
