import { CompiledQuery } from 'kysely';
import { expect } from 'vitest';
import type { DbOrTx } from '../../server/src/db/database.ts';

/** One node of a JSON query plan, with the fields the plan tests read. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

/** Every node of a plan, the root first. */
export const nodesOf = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodesOf)];

/** The nodes of a statement's plan as run (EXPLAIN ANALYZE): what it read, not only estimates. */
export async function analysedPlan(db: DbOrTx, query: CompiledQuery): Promise<PlanNode[]> {
  const { rows } = await db.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    CompiledQuery.raw(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`, [...query.parameters]),
  );
  return nodesOf(rows[0]!['QUERY PLAN'][0].Plan);
}

/**
 * A keyset page's plan reads its rows and no more: a scan of `index` whose condition starts at
 * the cursor (`bound`, the row comparison as PostgreSQL prints it), `rows` rows read, no sort.
 */
export function expectKeysetPageScan(
  nodes: PlanNode[],
  page: { index: string; bound: string; rows: number },
) {
  const scan = nodes.find((n) => n['Index Name'] === page.index);
  expect(scan, JSON.stringify(nodes.map((n) => n['Node Type']))).toBeDefined();
  expect(scan!['Index Cond']).toContain(page.bound);
  expect(scan!['Actual Rows']).toBe(page.rows);
  expect(nodes.filter((n) => /Sort/.test(n['Node Type']))).toEqual([]);
}
