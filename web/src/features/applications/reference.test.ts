import { describe, expect, it } from 'vitest';
import type { ApplicationResponse } from './api.ts';
import { applicationReference, paperNumber } from './reference.ts';

const ID = '01a2505e-7c1d-4f3e-9a55-0c8d2b1e4f60';
const application = (over: Partial<ApplicationResponse> = {}) =>
  ({ id: ID, result: { points: 3, fine: 200 }, ...over }) as ApplicationResponse;

describe('the number of an application’s paper', () => {
  it('is the full id where the server numbered no paper (a violation handling)', () => {
    expect(paperNumber(application())).toBe(ID);
    // On screen, the start of it is enough to tell applications apart.
    expect(applicationReference(application())).toBe('01A2505E');
  });

  it('is the document’s own number where one was issued', () => {
    const issued = application({ result: { documents: [{ number: 'XS5203001' }] } });
    expect(paperNumber(issued)).toBe('XS5203001');
    expect(applicationReference(issued)).toBe('XS5203001');
  });
});
