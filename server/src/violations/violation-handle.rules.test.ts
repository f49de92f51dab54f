import { describe, expect, it } from 'vitest';
import { evaluateRules, orderRules } from '../applications/rules.ts';
import { VIOLATION_HANDLE_RULES, type HandleFacts } from './violation-handle.rules.ts';

const base: HandleFacts = {
  violationId: 'V1',
  violation: {
    plate: '贵CB1234',
    points: 6,
    occurredAt: new Date('2026-11-20T02:00:00Z'),
    status: 'unhandled',
  },
  driver: '520302199003070015',
  applicantName: '张三',
  licenceStatus: 'valid',
  licenceName: '张三',
  pointsBefore: 0,
  ownsVehicle: false,
  lastHandledPlate: null,
  substitute: { plates: [], drivers: [] },
  maxPlates: 3,
  maxDrivers: 3,
  hold: null,
  online: null,
};
const ORDERED = orderRules(VIOLATION_HANDLE_RULES);
const codes = (f: Partial<HandleFacts>) =>
  evaluateRules(ORDERED, { ...base, ...f }).map((i) => i.code);

describe('violation handling rules (R163 §14, §30)', () => {
  it('passes a first record', () => {
    expect(codes({})).toEqual([]);
  });

  it('books the points only to the licence named as the applicant, with the other failures', () => {
    expect(codes({ applicantName: '张冒名' })).toEqual(['APPLICANT_NAME_MISMATCH']);
    expect(codes({ applicantName: '张冒名', pointsBefore: 12 })).toEqual([
      'APPLICANT_NAME_MISMATCH',
      'FULL_SCORE_OTHER_VEHICLE',
    ]);
    // The window's preview is asked before a name is given; without a licence there is none.
    expect(codes({ applicantName: null })).toEqual([]);
    const noLicence = { licenceStatus: null, licenceName: null, applicantName: '张冒名' };
    expect(codes(noLicence)).toEqual(['DRIVER_NO_LICENCE']);
  });

  it('allows the same vehicle at 12 points and refuses another (§14)', () => {
    expect(codes({ pointsBefore: 11 })).toEqual([]);
    expect(codes({ pointsBefore: 12 })).toEqual(['FULL_SCORE_OTHER_VEHICLE']);
    expect(codes({ pointsBefore: 12, lastHandledPlate: '贵CB1234' })).toEqual([]);
  });

  it('counts the 3 × 3 limits for others’ vehicles only, inclusive of the third', () => {
    const two = { plates: ['贵CB0001', '贵CB0002'], drivers: [] };
    expect(codes({ substitute: two })).toEqual([]);
    const three = { plates: ['贵CB0001', '贵CB0002', '贵CB0003'], drivers: [] };
    expect(codes({ substitute: three })).toEqual(['SUBSTITUTE_VEHICLE_LIMIT']);
    expect(codes({ substitute: three, ownsVehicle: true })).toEqual([]);
    expect(
      codes({ substitute: { ...three, plates: [...three.plates.slice(1), '贵CB1234'] } }),
    ).toEqual([]);
    const drivers = { plates: [], drivers: ['a', 'b', 'c'] };
    expect(codes({ substitute: drivers })).toEqual(['SUBSTITUTE_DRIVER_LIMIT']);
    expect(codes({ substitute: { plates: [], drivers: ['a', 'b', base.driver] } })).toEqual([]);
  });

  it('never applies the limits to records without points', () => {
    const full = { plates: ['1', '2', '3'], drivers: ['a', 'b', 'c'] };
    expect(codes({ substitute: full, violation: { ...base.violation!, points: 0 } })).toEqual([]);
  });

  it('asks nothing more of a record that is missing', () => {
    expect(codes({ violation: null, licenceStatus: null, pointsBefore: 12 })).toEqual([
      'VIOLATION_NOT_FOUND',
    ]);
  });

  it('lists the driver’s conditions beside an already handled record: each is its own (1331)', () => {
    const handled = { violation: { ...base.violation!, status: 'handled' as const } };
    expect(codes(handled)).toEqual(['VIOLATION_ALREADY_HANDLED']);
    expect(codes({ ...handled, pointsBefore: 12 })).toEqual([
      'VIOLATION_ALREADY_HANDLED',
      'FULL_SCORE_OTHER_VEHICLE',
    ]);
    expect(codes({ ...handled, licenceStatus: null })).toEqual([
      'VIOLATION_ALREADY_HANDLED',
      'DRIVER_NO_LICENCE',
    ]);
    expect(codes({ ...handled, licenceStatus: 'revoked' })).toEqual([
      'VIOLATION_ALREADY_HANDLED',
      'LICENCE_NOT_IN_FORCE',
    ]);
    const three = { plates: ['贵CB0001', '贵CB0002', '贵CB0003'], drivers: ['a', 'b', 'c'] };
    expect(codes({ ...handled, substitute: three, hold: { caseId: 'C1' } })).toEqual([
      'VIOLATION_ALREADY_HANDLED',
      'SUBSTITUTE_VEHICLE_LIMIT',
      'SUBSTITUTE_DRIVER_LIMIT',
      'SUBSTITUTE_HELD',
    ]);
  });

  it('takes points onto a cancelled licence, not onto a revoked one', () => {
    expect(codes({ licenceStatus: 'cancelled' })).toEqual([]);
    expect(codes({ licenceStatus: 'revoked' })).toEqual(['LICENCE_NOT_IN_FORCE']);
  });

  it('wants a policy to count substitutes against', () => {
    expect(codes({ maxPlates: null })).toEqual(['POLICY_NOT_CONFIGURED']);
  });

  it('refuses a held person another’s vehicle, never their own (R163 §30)', () => {
    const hold = { caseId: 'C1' };
    expect(codes({ hold })).toEqual(['SUBSTITUTE_HELD']);
    expect(codes({ hold, ownsVehicle: true })).toEqual([]);
    expect(codes({ hold, violation: { ...base.violation!, points: 0 } })).toEqual([]);
  });

  it('online, wants someone else’s vehicle bound, and its point records made after (12123)', () => {
    const before = new Date('2026-11-20T01:59:59Z');
    const after = new Date('2026-11-20T02:00:01Z');
    expect(codes({ online: { boundAt: null } })).toEqual(['VEHICLE_NOT_BOUND']);
    expect(codes({ online: { boundAt: null }, ownsVehicle: true })).toEqual([]);
    expect(codes({ online: { boundAt: before } })).toEqual([]);
    expect(codes({ online: { boundAt: after } })).toEqual(['RECORD_BEFORE_BINDING']);
    expect(codes({ online: { boundAt: after }, ownsVehicle: true })).toEqual([]);
    // A record without points may be handled once bound, whenever it was made.
    const noPoints = { ...base.violation!, points: 0 };
    expect(codes({ online: { boundAt: after }, violation: noPoints })).toEqual([]);
    expect(codes({ online: { boundAt: null }, violation: noPoints })).toEqual([
      'VEHICLE_NOT_BOUND',
    ]);
    // At a window (online null) the clerk checks who drove; no binding is asked.
    expect(codes({ online: null })).toEqual([]);
  });
});
