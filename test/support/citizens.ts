import type { TestApp } from './app.ts';

let serial = 0;
/** A mobile phone number no other test of this process uses. */
export const phone = () =>
  `139${String((process.pid % 10_000) * 10_000 + (++serial % 10_000)).padStart(8, '0')}`;

export const CITIZEN_PASSWORD = 'citizen-password-1';

/** Asks for an SMS code and answers the demo code (the test template is a demo installation). */
export async function smsCode(t: TestApp, to: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/citizens/sms-codes',
    payload: { phone: to },
  });
  if (res.statusCode !== 202) throw new Error(`sms code: ${res.statusCode} ${res.body}`);
  return (res.json() as { demoCode: string }).demoCode;
}

/**
 * Registers a citizen account for a person already in a registry (a licence or a vehicle of
 * theirs); answers the login (username = phone) and the identity number.
 */
export async function registerCitizen(t: TestApp, person: { idNumber: string; name: string }) {
  const p = phone();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/citizens',
    payload: { ...person, phone: p, password: CITIZEN_PASSWORD, smsCode: await smsCode(t, p) },
  });
  if (res.statusCode !== 201) throw new Error(`register: ${res.statusCode} ${res.body}`);
  return { username: p, password: CITIZEN_PASSWORD, idNumber: person.idNumber, name: person.name };
}
