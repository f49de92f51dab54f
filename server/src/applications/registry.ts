import { BUSINESS_TYPE_CODES, type BusinessTypeCode } from '#shared/catalog.ts';
import { lifecycleProblems } from '#shared/lifecycles.ts';
import type { RegisteredHandler } from './handler.ts';

/** The business types the platform can decide, by code; the rest of the catalog answers 501. */
export interface BusinessRegistry {
  get(type: string): RegisteredHandler | undefined;
  readonly handlers: readonly RegisteredHandler[];
  readonly implemented: ReadonlySet<BusinessTypeCode>;
}

/**
 * Builds the registry from the handlers and checks it whole: one handler per type, each type's
 * lifecycle sound, every event of a lifecycle handled and no handler for an event the lifecycle
 * does not have. A mistake stops the start with a message instead of surfacing as a 500.
 */
export function createRegistry(handlers: readonly RegisteredHandler[]): BusinessRegistry {
  const byType = new Map<string, RegisteredHandler>();
  for (const handler of handlers) {
    if (!(BUSINESS_TYPE_CODES as readonly string[]).includes(handler.type)) {
      throw new Error(`handler for ${handler.type}, which is not in the catalog`);
    }
    if (byType.has(handler.type)) throw new Error(`two handlers for ${handler.type}`);
    const lifecycle = handler.lifecycle;
    const problems = lifecycle ? lifecycleProblems(lifecycle) : [];
    const expected = new Set(lifecycle?.events.map((e) => e.code) ?? []);
    for (const code of expected) {
      if (!handler.events.has(code)) problems.push(`event ${code} has no handler`);
    }
    for (const code of handler.events.keys()) {
      if (!expected.has(code)) problems.push(`handler for unknown event ${code}`);
    }
    if (problems.length) throw new Error(`${handler.type}: ${problems.join('; ')}`);
    byType.set(handler.type, handler);
  }
  return {
    get: (type) => byType.get(type),
    handlers: [...byType.values()],
    implemented: new Set(byType.keys() as Iterable<BusinessTypeCode>),
  };
}
