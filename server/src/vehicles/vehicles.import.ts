import { vehicleImportSchema, type VehicleImport } from '#shared/schemas/vehicles.ts';
import { parseIdNumber, parsePlate, plateHasPrefix } from '#shared/validators/index.ts';
import { countiesOf, jurisdictionOf, type Jurisdiction } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import { audit } from '../audit/audit.service.ts';
import { parseImportLines, writeChunks } from '../http/ndjson.ts';
import type { AppContext } from '../platform/context.ts';
import { beijingDate } from '../platform/time.ts';
import { plateKindFor, type VehicleType } from './plate-numbers.ts';
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
 * What makes a record of the legacy registry impossible, or null: a plate of another type's
 * layout (GA 36) — though an ordinary plate on a new-energy vehicle is lawful, kept by those
 * registered before the new-energy plates — a status that contradicts its mortgage (none is
 * deregistered while mortgaged, R164 §42), or dates out of order.
 */
function recordProblem(v: VehicleImport, today: string): string | null {
  const parsed = parsePlate(v.plate);
  const expected = plateKindFor(v.vehicleType as VehicleType);
  const kind = parsed.ok ? parsed.value.kind : expected;
  if (kind !== expected && !(kind === 'ordinary' && expected.startsWith('new-energy'))) {
    return `plate: 号牌 ${v.plate} 的式样与车辆类型 ${v.vehicleType} 不符（GA 36）`;
  }
  if (v.status === 'mortgaged' && !v.mortgage) return 'mortgage: 抵押状态的车辆须附抵押登记信息';
  if (v.status === 'normal' && v.mortgage) return 'status: 有抵押登记的车辆状态不能为 normal';
  if (v.status === 'deregistered' && v.mortgage) {
    return 'status: 抵押登记未解除的车辆不能注销（机动车登记规定 第四十二条）';
  }
  if (v.registeredOn > today) return `registeredOn: 注册登记日期 ${v.registeredOn} 晚于今天`;
  if (v.manufacturedOn > v.registeredOn) {
    return `manufacturedOn: 出厂日期 ${v.manufacturedOn} 晚于注册登记日期 ${v.registeredOn}`;
  }
  return null;
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
  const { parsed, rejected } = parseImportLines(ndjson, vehicleImportSchema);
  const good: { line: number; value: VehicleImport }[] = [];
  const seen = new Set<string>(); // VINs and plates already taken by an earlier line of this file
  const today = beijingDate(ctx.clock.now());
  for (const { line, value: v } of parsed) {
    const error = !plateHasPrefix(v.plate, jurisdiction.platePrefixes)
      ? `plate: ${v.plate} 不属于本辖区（${jurisdiction.platePrefixes.join('、')}）`
      : v.countyCode && !counties.has(v.countyCode)
        ? `countyCode: ${v.countyCode} 不是本辖区的区县`
        : seen.has(v.vin) || seen.has(v.plate)
          ? `与本文件前面的记录重复（${v.vin} / ${v.plate}）`
          : recordProblem(v, today);
    if (error) rejected.push({ line, error });
    else {
      seen.add(v.vin).add(v.plate);
      good.push({ line, value: v });
    }
  }

  const now = ctx.clock.now();
  const write = (items: { line: number; value: VehicleImport }[]) =>
    ctx.db.transaction().execute(async (tx) => {
      const inserted = await insertVehicles(
        tx,
        items.map(({ value: v }) => ({
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
      await audit(tx, actor, now, {
        action: 'vehicles.imported',
        entityType: 'import',
        entityId: `vehicles:${beijingDate(now)}`,
        details: { lines: items.length, imported: inserted.size },
        event: 'vehicles.imported',
      });
      return inserted;
    });
  return await writeChunks(
    good,
    CHUNK,
    write,
    (v) => v.vin,
    rejected,
    (v) => `车辆识别代号 ${v.vin} 或号牌 ${v.plate} 已存在`,
  );
}
