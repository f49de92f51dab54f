import { vehicleImportSchema, type VehicleImport } from '#shared/schemas/vehicles.ts';
import { parseIdNumber, plateHasPrefix } from '#shared/validators/index.ts';
import { countiesOf, jurisdictionOf, type Jurisdiction } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import { audit } from '../audit/audit.service.ts';
import type { AppContext } from '../platform/context.ts';
import { beijingDate } from '../platform/time.ts';
import { requireImporter } from './vehicles.policy.ts';
import { insertVehicles } from './vehicles.repository.ts';

const CHUNK = 500;

/**
 * The county that owns an imported vehicle: the record's own, else the owner's when the owner
 * lives in the city, else the county where the office sits.
 */
function countyOf(v: VehicleImport, j: Jurisdiction, counties: ReadonlySet<string>) {
  if (v.countyCode) return v.countyCode;
  const parsed = parseIdNumber(v.owner.idNumber);
  return parsed.ok && counties.has(parsed.value.regionCode)
    ? parsed.value.regionCode
    : j.seatCountyCode;
}

/**
 * NDJSON import of the legacy registry: each bad line is rejected with its reason, each good
 * line kept. Lines go in chunks, each chunk one transaction with one audit record.
 */
export async function importVehicles(ctx: AppContext, actor: Actor, ndjson: string) {
  requireImporter(actor);
  // An administrator imports its own jurisdiction's registry: the plates say whose a record is.
  const jurisdiction = await jurisdictionOf(ctx.db, ctx.db, actor.cityCode);
  const counties = new Set(await countiesOf(ctx.db, jurisdiction.cityCode));
  const rejected: { line: number; error: string }[] = [];
  const good: { line: number; v: VehicleImport }[] = [];
  const lines = ndjson.split(/\r?\n/);
  const seen = new Set<string>(); // VINs and plates already taken by an earlier line of this file
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      rejected.push({ line: i + 1, error: '不是有效的 JSON' });
      return;
    }
    const parsed = vehicleImportSchema.safeParse(json);
    if (!parsed.success) {
      const error = parsed.error.issues
        .map((x) => `${x.path.join('.') || '(root)'}: ${x.message}`)
        .join('; ');
      rejected.push({ line: i + 1, error });
    } else if (!plateHasPrefix(parsed.data.plate, jurisdiction.platePrefixes)) {
      const own = jurisdiction.platePrefixes.join('、');
      rejected.push({ line: i + 1, error: `plate: ${parsed.data.plate} 不属于本辖区（${own}）` });
    } else if (parsed.data.countyCode && !counties.has(parsed.data.countyCode)) {
      rejected.push({
        line: i + 1,
        error: `countyCode: ${parsed.data.countyCode} 不是本辖区的区县`,
      });
    } else if (seen.has(parsed.data.vin) || seen.has(parsed.data.plate)) {
      rejected.push({
        line: i + 1,
        error: `与本文件前面的记录重复（${parsed.data.vin} / ${parsed.data.plate}）`,
      });
    } else {
      seen.add(parsed.data.vin).add(parsed.data.plate);
      good.push({ line: i + 1, v: parsed.data });
    }
  });

  let imported = 0;
  const now = ctx.clock.now();
  for (let start = 0; start < good.length; start += CHUNK) {
    const chunk = good.slice(start, start + CHUNK);
    await ctx.db.transaction().execute(async (tx) => {
      const inserted = await insertVehicles(
        tx,
        chunk.map(({ v }) => ({
          row: {
            city_code: jurisdiction.cityCode,
            county_code: countyOf(v, jurisdiction, counties),
            vin: v.vin,
            plate: v.plate,
            vehicle_type: v.vehicleType,
            use_nature: v.useNature,
            seats: v.seats,
            brand: v.brand ?? null,
            model: v.model ?? null,
            owner_id_number: v.owner.idNumber,
            owner_name: v.owner.name,
            owner_phone: v.owner.phone ?? null,
            status: v.status ?? (v.mortgage ? 'mortgaged' : 'normal'),
            registered_on: v.registeredOn,
            manufactured_on: v.manufacturedOn,
            inspection_valid_until: v.inspectionValidUntil,
          },
          mortgage: v.mortgage ? { ...v.mortgage, registeredOn: v.registeredOn } : null,
        })),
      );
      for (const { line, v } of chunk) {
        if (!inserted.has(v.vin))
          rejected.push({ line, error: `车辆识别代号 ${v.vin} 或号牌 ${v.plate} 已存在` });
      }
      imported += inserted.size;
      await audit(tx, actor, now, {
        action: 'vehicles.imported',
        entityType: 'import',
        entityId: `vehicles:${beijingDate(now)}`,
        details: { lines: chunk.length, imported: inserted.size },
        event: 'vehicles.imported',
      });
    });
  }
  rejected.sort((a, b) => a.line - b.line);
  return { imported, rejected };
}
