import { describe, expect, it } from 'vitest';
import { violationHandlingImportSchema } from '#shared/schemas/antifraud.ts';
import { licenceImportSchema } from '#shared/schemas/licences.ts';
import { historyImportSchema } from '#shared/schemas/supervision.ts';
import { vehicleImportSchema } from '#shared/schemas/vehicles.ts';
import { violationImportSchema } from '#shared/schemas/violations.ts';
import {
  isValidIdNumber,
  isValidPlate,
  isValidUscc,
  isValidVin,
  plateHasPrefix,
} from '#shared/validators/index.ts';
import { buildZunyiNetwork } from '../../demo/zunyi-network.ts';
import { capsRule } from './caps.ts';
import { generateFraudCity } from './generate.ts';
import { NEGATIVE_KINDS } from './truth.ts';
import { PLATE_PREFIX } from './world.ts';

const { data, truth } = generateFraudCity('small', 11);

describe('the fraud city generator', () => {
  it('writes lines the CONTRACT imports accept, with valid identifiers', () => {
    for (const l of data.licences) expect(licenceImportSchema.safeParse(l).success).toBe(true);
    for (const v of data.vehicles) {
      expect(vehicleImportSchema.safeParse(v).success).toBe(true);
      expect(isValidVin(v.vin)).toBe(true);
      expect(plateHasPrefix(v.plate, [PLATE_PREFIX])).toBe(true);
    }
    for (const v of data.violations) expect(violationImportSchema.safeParse(v).success).toBe(true);
    for (const h of data['applications-history'])
      expect(historyImportSchema.safeParse(h).success).toBe(true);
    for (const h of data['violation-handlings']) {
      expect(violationHandlingImportSchema.safeParse(h).success).toBe(true);
      expect(isValidIdNumber(h.driverIdNumber)).toBe(true);
      expect(isValidIdNumber(h.ownerIdNumber) || isValidUscc(h.ownerIdNumber)).toBe(true);
      expect(isValidPlate(h.plate)).toBe(true);
    }
    const orgs = data.vehicles.filter(
      (v) => isValidUscc(v.owner.idNumber) && !isValidIdNumber(v.owner.idNumber),
    );
    expect(orgs.length).toBeGreaterThan(0);
  });

  it('keeps identifiers unique and references consistent', () => {
    const unique = (xs: string[]) => new Set(xs).size === xs.length;
    expect(unique(data.licences.map((l) => l.idNumber))).toBe(true);
    expect(unique(data.vehicles.map((v) => v.plate))).toBe(true);
    expect(unique(data.vehicles.map((v) => v.vin))).toBe(true);
    expect(unique(data.violations.map((v) => v.id))).toBe(true);
    const owner = new Map(data.vehicles.map((v) => [v.plate, v.owner.idNumber]));
    const licensed = new Set(data.licences.map((l) => l.idNumber));
    const violation = new Map(data.violations.map((v) => [v.id, v]));
    const outlets = new Set(buildZunyiNetwork().outlets.map((o) => o.code));
    for (const h of data['violation-handlings']) {
      expect(owner.get(h.plate)).toBe(h.ownerIdNumber);
      expect(licensed.has(h.driverIdNumber)).toBe(true);
      expect(violation.get(h.violationId)).toMatchObject({
        plate: h.plate,
        handledBy: h.driverIdNumber,
        points: h.points,
      });
      if (h.outletCode) expect(outlets.has(h.outletCode)).toBe(true);
      expect(h.handledAt >= truth.period.from && h.handledAt.slice(0, 10) <= truth.period.to).toBe(
        true,
      );
    }
    for (const a of data['applications-history']) expect(outlets.has(a.outletCode)).toBe(true);
  });

  it('is reproducible from the seed', () => {
    expect(JSON.stringify(generateFraudCity('small', 11))).toBe(JSON.stringify({ data, truth }));
    expect(JSON.stringify(generateFraudCity('small', 12).data)).not.toBe(JSON.stringify(data));
  });

  it('plants point-trading rings of 3 and more, most under the national caps, tied by a broker', () => {
    const rings = truth.rings.filter((r) => r.kind === 'point-trading');
    expect(rings.length).toBe(6);
    expect(Math.min(...rings.map((r) => r.people.length))).toBe(3);
    const under = rings.filter((r) => r.underCaps);
    expect(under.length).toBeGreaterThanOrEqual(rings.length / 2);
    expect(under.length).toBeLessThan(rings.length);
    const flagged = new Set(capsRule(data['violation-handlings']).flatMap((f) => f.people));
    for (const ring of rings) {
      const members = new Set(ring.people);
      const trades = data['violation-handlings'].filter(
        (h) => members.has(h.driverIdNumber) && h.ownerIdNumber !== h.driverIdNumber,
      );
      // Every seller took points for a stranger at least once through the broker's phone or device.
      for (const seller of ring.people) {
        expect(
          trades.some(
            (h) =>
              h.driverIdNumber === seller &&
              (ring.phones.includes(h.phone ?? '') || ring.devices.includes(h.deviceId ?? '')),
          ),
        ).toBe(true);
      }
      expect(ring.people.some((p) => flagged.has(p))).toBe(!ring.underCaps);
    }
  });

  it('plants illegal agents behind many applicants and insiders handling most of one agent', () => {
    const agents = truth.rings.filter((r) => r.kind === 'illegal-agent');
    for (const ring of agents) {
      const served = new Set(
        data['applications-history']
          .filter((a) => a.agent && ring.people.includes(a.agent.idNumber))
          .map((a) => a.applicant.idNumber),
      );
      expect(served.size).toBeGreaterThanOrEqual(5);
    }
    const insiders = truth.rings.filter((r) => r.kind === 'insider-collusion');
    expect(insiders.length).toBe(2);
    for (const ring of insiders) {
      const own = data['applications-history'].filter(
        (a) => a.agent && ring.people.includes(a.agent.idNumber),
      );
      const byInsider = own.filter((a) => a.staffId === ring.staff[0]).length;
      expect(byInsider / own.length).toBeGreaterThan(0.5);
    }
  });

  it('plants every kind of hard negative', () => {
    for (const kind of NEGATIVE_KINDS)
      expect(truth.negatives.some((g) => g.kind === kind)).toBe(true);
    const fleetPeople = new Set(
      truth.negatives.filter((g) => g.kind === 'fleet').flatMap((g) => g.people),
    );
    expect(
      data['violation-handlings'].some(
        (h) => fleetPeople.has(h.ownerIdNumber) && fleetPeople.has(h.driverIdNumber),
      ),
    ).toBe(true);
  });
});
