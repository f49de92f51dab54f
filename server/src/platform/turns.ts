/**
 * Work that takes turns per key (a database handle, say): each call starts when the call before
 * it under the same key has settled, whatever its outcome. Why: some use cases hold one pool
 * connection while they wait for work on another (a supervision run's write waits for its
 * detectors); as many of them at once as the pool has connections would each hold one and wait
 * for a second until the acquire timeout. In turn, one such use case at a time needs two.
 */
export function takingTurns<K extends object>() {
  const last = new WeakMap<K, Promise<unknown>>();
  return <T>(key: K, work: () => Promise<T>): Promise<T> => {
    const before = last.get(key) ?? Promise.resolve();
    const mine = before.then(work, work);
    // The next call waits for this one to settle, not to succeed.
    last.set(
      key,
      mine.catch(() => undefined),
    );
    return mine;
  };
}
