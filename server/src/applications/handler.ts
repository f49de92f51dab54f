import type { z } from 'zod';
import type { BusinessTypeCode } from '#shared/catalog.ts';
import type { IssuedDocument, RefusalItem } from '#shared/schemas/applications.ts';
import type { Actor } from '../auth/actor.ts';
import type { PolicyKey } from '../catalog/policy-keys.ts';
import type { Tx } from '../db/database.ts';

export interface Person {
  idNumber: string;
  name: string;
  phone?: string | undefined;
}

/** What every rule and effect may know about the application being decided. */
export interface Decision<D> {
  data: D;
  applicant: Person;
  agent: Person | null;
  actor: Actor;
  outlet: { code: string; countyCode: string; cityCode: string };
  today: string;
  now: Date;
  /** Policy values in force today, keyed by PolicyKey. */
  policy: Partial<Record<PolicyKey, unknown>>;
}

/** A legal precondition (1331): a code, its article, and what to tell the applicant when it fails. */
export interface Rule<F> {
  code: string;
  legalBasis: string;
  /**
   * null when satisfied; otherwise the message and remedy for the refusal notice, in Chinese
   * (`message`, `remedy`: CONTRACT.md) and in English (`messageEn`, `remedyEn`) with the same facts.
   */
  check(facts: F): RuleFailure | null;
}

export interface RuleFailure {
  message: string;
  remedy: string;
  messageEn: string;
  remedyEn: string;
}

export function evaluateRules<F>(rules: readonly Rule<F>[], facts: F): RefusalItem[] {
  return rules.flatMap((rule) => {
    const failure = rule.check(facts);
    if (!failure) return [];
    const { message, remedy, messageEn, remedyEn } = failure;
    return [{ code: rule.code, message, legalBasis: rule.legalBasis, remedy, messageEn, remedyEn }];
  });
}

export interface EffectTools {
  applicationId: string;
  issue(kind: IssuedDocument['kind'], subject: string, number?: string): Promise<IssuedDocument>;
}

export interface Outcome {
  status: 'completed' | 'accepted';
  result: Record<string, unknown>;
  /** What the audit record says about the registry change. */
  audit: { entityType: string; entityId: string; details: Record<string, unknown> };
}

/**
 * One business type plugged into the pipeline: its data schema, the facts its rules need,
 * the rules, and the effects. The pipeline does everything else (delegation, validation,
 * refusal notices, idempotency, audit, outbox) the same way for all of them.
 */
export interface BusinessHandler<S extends z.ZodType, F> {
  type: BusinessTypeCode;
  schema: S;
  policyKeys: readonly PolicyKey[];
  /** Serialises concurrent applications on the same subject (a VIN, a plate). */
  lockKey(data: z.infer<S>): string;
  load(tx: Tx, decision: Decision<z.infer<S>>): Promise<F>;
  rules: readonly Rule<F>[];
  apply(tx: Tx, decision: Decision<z.infer<S>>, facts: F, tools: EffectTools): Promise<Outcome>;
}

// The registry holds handlers of different data and fact types side by side.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyHandler = BusinessHandler<z.ZodType, any>;
