import { computeIdNumberCheckCharacter, withVinCheckDigit } from '#shared/validators/index.ts';
import { baseUrl, PASSWORD } from './browser.ts';

let serial = Math.floor(Math.random() * 900);
const pad = (n: number, w: number) => String(n % 10 ** w).padStart(w, '0');

/** A valid identity number of a person of Zunyi born on a day (a fresh one each call). */
export function personId(birth = '19900101'): string {
  const first17 = `520302${birth}${pad(++serial, 3)}`;
  return first17 + computeIdNumberCheckCharacter(first17);
}

/** A free plate of the city (the demo uses 贵CA…; these use 贵CZ…). */
export const freePlate = () => `贵CZ${pad(Date.now() + ++serial, 4)}`;

export const freeVin = () => withVinCheckDigit(`LZE${pad(++serial, 5)}*RA${pad(Date.now(), 6)}`);

async function tokenOf(username: string): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}

/**
 * Loads registry records the way a migration does: the administrator's NDJSON import. Throws
 * when a line is rejected, so a test never runs on data it did not get.
 */
export async function importRecords(
  kind: 'licences' | 'vehicles' | 'violations',
  records: object[],
) {
  const res = await fetch(`${baseUrl()}/api/v1/imports/${kind}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await tokenOf('admin')}`,
      'content-type': 'application/x-ndjson',
    },
    body: records.map((r) => JSON.stringify(r)).join('\n'),
  });
  const body = (await res.json()) as { imported: number; rejected: unknown[] };
  if (body.rejected?.length || body.imported !== records.length) {
    throw new Error(`import of ${kind} failed: ${JSON.stringify(body)}`);
  }
}
