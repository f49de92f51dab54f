import type { Actor } from '../platform/actor.ts';
import { requireNetworkAdmin } from './network.policy.ts';
import { audit } from '../audit/audit.service.ts';
import { parseImportLines, writeChunk } from '../http/ndjson.ts';
import type { AppContext } from '../platform/context.ts';
import { beijingDate } from '../platform/time.ts';
import { importReferences, insertOutlets } from './network.repository.ts';
import { outletImportSchema, type OutletImport } from './network.schema.ts';

const CHUNK = 500;

type References = Awaited<ReturnType<typeof importReferences>>;

/** Why a well-formed line cannot be imported, or null when it can. */
function lineError(o: OutletImport, city: string, refs: References, known: Set<string>) {
  const countyCity = refs.cityOfCounty.get(o.countyCode);
  if (!countyCity) return `countyCode: 区县 ${o.countyCode} 不存在`;
  if (countyCity !== city) return `countyCode: 区县 ${o.countyCode} 不在您管辖的城市（${city}）内`;
  if (!refs.organisations.has(o.organisationCode)) {
    return `organisationCode: 机构 ${o.organisationCode} 不存在`;
  }
  if (refs.outlets.has(o.code)) return `code: 网点 ${o.code} 已存在`;
  if (known.has(o.code)) return `code: 网点 ${o.code} 与本文件前面的行重复`;
  if (o.parentCode && !known.has(o.parentCode)) {
    return `parentCode: 上级网点 ${o.parentCode} 不存在（上级须已存在或在本文件更早的行中）`;
  }
  return null;
}

/**
 * NDJSON import of a new installation's network (POST /api/v1/imports/outlets): each line an
 * outlet of the administrator's city, in an existing county and organisation. A parent must
 * exist already or come on an earlier line. Good lines go in chunks, each chunk one transaction
 * with one audit record; existing outlets are never changed (a re-sent file rejects its lines).
 */
export async function importOutlets(ctx: AppContext, actor: Actor, ndjson: string) {
  const city = requireNetworkAdmin(actor);
  const { parsed: lines, rejected } = parseImportLines(ndjson, outletImportSchema);
  const parsed = lines.map(({ line, value }) => ({ line, o: value }));
  const refs = await importReferences(ctx.db, {
    counties: [...new Set(parsed.map(({ o }) => o.countyCode))],
    organisations: [...new Set(parsed.map(({ o }) => o.organisationCode))],
    outlets: [
      ...new Set(parsed.flatMap(({ o }) => (o.parentCode ? [o.code, o.parentCode] : [o.code]))),
    ],
  });

  const known = new Set(refs.outlets); // outlets that exist or that an earlier good line adds
  const good: { line: number; o: OutletImport }[] = [];
  for (const { line, o } of parsed) {
    const error = lineError(o, city, refs, known);
    if (error) rejected.push({ line, error });
    else {
      known.add(o.code);
      good.push({ line, o });
    }
  }

  let imported = 0;
  const now = ctx.clock.now();
  const write = (items: { line: number; value: OutletImport }[]) =>
    ctx.db.transaction().execute(async (tx) => {
      const inserted = await insertOutlets(
        tx,
        items.map(({ value: o }) => ({
          code: o.code,
          cityCode: city,
          name: o.name,
          category: o.category,
          countyCode: o.countyCode,
          organisationCode: o.organisationCode,
          parentCode: o.parentCode ?? null,
          address: o.address ?? '',
          phone: o.phone ?? '',
          kindLabel: o.kindLabel ?? null,
        })),
      );
      await audit(tx, actor, now, {
        action: 'outlets.imported',
        entityType: 'import',
        entityId: `outlets:${beijingDate(now)}`,
        details: { lines: items.length, imported: inserted.size, codes: [...inserted] },
        event: 'outlets.imported',
      });
      return inserted;
    });
  for (let start = 0; start < good.length; start += CHUNK) {
    // Another import may have added the same code since the check above.
    imported += await writeChunk(
      good.slice(start, start + CHUNK).map(({ line, o }) => ({ line, value: o })),
      write,
      (o) => o.code,
      rejected,
      (o) => `code: 网点 ${o.code} 已存在`,
    );
  }
  rejected.sort((a, b) => a.line - b.line);
  return { imported, rejected };
}
