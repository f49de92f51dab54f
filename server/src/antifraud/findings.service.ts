import type { Finding, FindingKind, FindingList } from '#shared/schemas/antifraud.ts';
import { maskIdNumber } from '#shared/validators/index.ts';
import { decodeScoreCursor, encodeScoreCursor, keysetPage } from '../platform/cursor.ts';
import { notFound } from '../platform/errors.ts';
import type { DbOrTx } from '../db/database.ts';
import type { Actor } from '../platform/actor.ts';
import { findingRows, type FindingRow } from './antifraud.repository.ts';
import { fraudScope, seesFullIdentities } from './antifraud.policy.ts';
import { beijingInstant } from '../platform/time.ts';

/** A finding as the API shows it; identity numbers masked for readers who do not act on them. */
export function presentFinding(
  row: FindingRow & { case_id: string | null },
  full: boolean,
): Finding {
  const id = (x: string) => (full ? x : maskIdNumber(x));
  const links = (row.links as Finding['links']).map((l) => ({
    ...l,
    from: l.from.kind === 'person' ? { ...l.from, id: id(l.from.id) } : l.from,
    to: l.to.kind === 'person' ? { ...l.to, id: id(l.to.id) } : l.to,
  }));
  const evidence = row.evidence as Finding['evidence'];
  return {
    id: row.id,
    kind: row.kind,
    score: row.score,
    people: row.people.map(id),
    plates: row.plates,
    staff: row.staff,
    phones: row.phones,
    devices: row.devices,
    evidence: full
      ? evidence
      : evidence.map((e) => ({
          ...e,
          text: e.text.replace(/\b\d{17}[\dX]\b/g, maskIdNumber),
          textEn: e.textEn.replace(/\b\d{17}[\dX]\b/g, maskIdNumber),
        })),
    countyCode: row.county_code,
    period: { from: row.period_from, to: row.period_to },
    links,
    caseId: row.case_id,
    supersededBy: row.superseded_by,
    withdrawnAt: row.withdrawn_at ? beijingInstant(row.withdrawn_at) : null,
    createdAt: beijingInstant(row.created_at),
  };
}

/** `GET /findings?kind=`: the reader's jurisdiction's findings, highest score first, by keyset. */
export async function listFindings(
  db: DbOrTx,
  actor: Actor,
  q: { kind?: FindingKind; after?: string; limit: number },
): Promise<FindingList> {
  const scope = fraudScope(actor);
  const rows = await findingRows(db, {
    ...scope,
    kind: q.kind,
    after: q.after ? decodeScoreCursor(q.after) : undefined,
    limit: q.limit + 1,
  });
  const { page, nextCursor } = keysetPage(rows, q.limit, (f) => encodeScoreCursor(f.score, f.id));
  const full = seesFullIdentities(actor);
  return { items: page.map((r) => presentFinding(r, full)), nextCursor };
}

/**
 * `GET /findings/{id}`: one finding under the list's rules (scope and masking); another city's
 * or, for a brigade, another county's finding does not exist for the reader (404).
 */
export async function getFinding(db: DbOrTx, actor: Actor, id: string): Promise<Finding> {
  const [row] = await findingRows(db, { ...fraudScope(actor), ids: [id], limit: 1 });
  if (!row) throw notFound('线索');
  return presentFinding(row, seesFullIdentities(actor));
}

/** Findings by id inside the reader's scope (a case is opened from them). */
export async function findingsByIds(
  db: DbOrTx,
  scope: { cityCode: string; countyCode?: string },
  ids: string[],
) {
  return await findingRows(db, { ...scope, ids, limit: ids.length || 1 });
}
