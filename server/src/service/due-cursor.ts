import { invalid } from '../platform/errors.ts';

/**
 * The keyset cursor of the lists ordered by a due day then id (SLA breaches, rectifications):
 * the last row's position, opaque to clients.
 */
export const encodeDueCursor = (dueOn: string, id: string) =>
  Buffer.from(`${dueOn}|${id}`).toString('base64url');

export function decodeDueCursor(cursor: string) {
  const [dueOn, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!dueOn || !/^\d{4}-\d{2}-\d{2}$/.test(dueOn) || !id || !/^[0-9a-f-]{36}$/.test(id)) {
    throw invalid([{ path: 'query.after', message: '分页游标无效' }]);
  }
  return { dueOn, id };
}
