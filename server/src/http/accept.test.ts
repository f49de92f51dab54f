import { describe, expect, it } from 'vitest';
import { preferredType } from './accept.ts';

const JSON_TYPE = 'application/json';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const offers = [JSON_TYPE, XLSX] as const;

describe('preferredType', () => {
  it('takes the first offer when the client states no preference', () => {
    expect(preferredType(undefined, offers)).toBe(JSON_TYPE);
    expect(preferredType('', offers)).toBe(JSON_TYPE);
    expect(preferredType('*/*', offers)).toBe(JSON_TYPE);
  });

  it('takes the one type asked for', () => {
    expect(preferredType(XLSX, offers)).toBe(XLSX);
    expect(preferredType(JSON_TYPE, offers)).toBe(JSON_TYPE);
    expect(preferredType(`${XLSX.toUpperCase()}; charset=binary`, offers)).toBe(XLSX);
  });

  it('weighs the types by their q-values, whatever their order', () => {
    expect(preferredType(`${JSON_TYPE};q=0.5, ${XLSX}`, offers)).toBe(XLSX);
    expect(preferredType(`${XLSX};q=0.2, ${JSON_TYPE};q=0.9`, offers)).toBe(JSON_TYPE);
    // Equal weights keep the route's order.
    expect(preferredType(`${XLSX}, ${JSON_TYPE}`, offers)).toBe(JSON_TYPE);
  });

  it('refuses a type weighed 0, even under a wildcard that accepts everything else', () => {
    expect(preferredType(`${XLSX};q=0`, offers)).toBeNull();
    expect(preferredType(`*/*, ${JSON_TYPE};q=0`, offers)).toBe(XLSX);
  });

  it('lets the most specific range decide a type, not the first or the heaviest', () => {
    expect(preferredType(`application/*;q=0.3, ${XLSX};q=0.8`, offers)).toBe(XLSX);
    expect(preferredType(`${JSON_TYPE};q=0.1, */*;q=0.9`, offers)).toBe(XLSX);
  });

  it('ignores ranges it cannot read instead of failing on them', () => {
    expect(preferredType(`nonsense, ${XLSX};q=abc, ${XLSX};q=2`, offers)).toBeNull();
    expect(preferredType(`text/html, ${XLSX};q=0.7`, offers)).toBe(XLSX);
    expect(preferredType('text/html', offers)).toBeNull();
  });
});
