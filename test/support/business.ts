import type { TestApp } from './app.ts';
import { bearer } from './app.ts';

export type User = string | { username: string; password: string };

/** Helpers every business test uses: log in as a user, submit, read the refusal codes. */
export function businessClient(t: () => TestApp) {
  const as = async (user: User) =>
    bearer(
      typeof user === 'string'
        ? await t().login(user)
        : await t().login(user.username, user.password),
    );
  const submit = async (
    businessType: string,
    applicant: { idNumber: string; name: string },
    data: Record<string, unknown>,
    user: User = 'clerk.city',
    agent?: { idNumber: string; name: string },
  ) =>
    t().app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: await as(user),
      payload: { businessType, applicant, data, ...(agent ? { agent } : {}) },
    });
  const codes = (res: { json(): unknown }) =>
    (res.json() as { refusal?: { items: { code: string }[] } }).refusal?.items.map((i) => i.code);
  const basisOf = (res: { json(): unknown }, code: string) =>
    (
      res.json() as { refusal?: { items: { code: string; legalBasis: string }[] } }
    ).refusal?.items.find((i) => i.code === code)?.legalBasis;
  const vehicle = async (by: { vin: string }) =>
    (
      await t().app.inject({
        url: `/api/v1/vehicles/by-vin/${by.vin}`,
        headers: await as('clerk.city'),
      })
    ).json() as {
      plate: string;
      status: string;
      owner: { idNumber: string };
      mortgage: unknown;
      inspectionValidUntil: string;
    };
  const verify = async (token: string) =>
    (await t().app.inject({ url: `/api/v1/verify/${token}` })).json() as {
      valid: boolean;
      status: string;
      kind: string;
    };
  return { as, submit, codes, basisOf, vehicle, verify };
}
