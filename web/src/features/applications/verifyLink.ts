import { useInstallation } from '../auth/api.ts';

/** The public verification page of a document or notice (no login), as a path of this app. */
export const verifyPath = (token: string) => `/verify/${encodeURIComponent(token)}`;

/**
 * The full verification link printed on a paper and in its QR code: under the installation's
 * public address (CHEGUAN_PUBLIC_URL), or, in a demo without one, the address the app is open at.
 */
export function useVerifyUrl() {
  const { data } = useInstallation();
  const base = data?.publicUrl ?? window.location.origin;
  return (token: string) => `${base}${verifyPath(token)}`;
}
