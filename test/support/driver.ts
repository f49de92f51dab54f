import { bearer, type TestApp } from './app.ts';

export type TestUser = string | { username: string; password: string };

export const tokenOf = async (t: TestApp, user: TestUser) =>
  bearer(
    typeof user === 'string' ? await t.login(user) : await t.login(user.username, user.password),
  );

/** Submits an application of any business type as a user (a demo account or a factory user). */
export async function submit(
  t: TestApp,
  user: TestUser,
  businessType: string,
  applicant: { idNumber: string; name?: string; phone?: string },
  data: Record<string, unknown>,
  agent?: { idNumber: string; name: string },
) {
  return await t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: await tokenOf(t, user),
    payload: {
      businessType,
      applicant: { name: '测试驾驶人', ...applicant },
      ...(agent ? { agent } : {}),
      data,
    },
  });
}

/** The codes of a refusal answer's items, in notice order. */
export const refusalCodes = (res: { json(): unknown }) =>
  (res.json() as { refusal: { items: { code: string }[] } }).refusal.items.map((i) => i.code);

/** The refusal item with a code, for checking its legal basis and wording. */
export const refusalItem = (res: { json(): unknown }, code: string) =>
  (
    res.json() as {
      refusal: { items: { code: string; legalBasis: string; message: string; remedy: string }[] };
    }
  ).refusal.items.find((i) => i.code === code);
