/** The public verification page of a document or notice (no login; a QR code could carry it). */
export const verifyPath = (token: string) => `/verify/${encodeURIComponent(token)}`;
export const verifyUrl = (token: string) => `${window.location.origin}${verifyPath(token)}`;
