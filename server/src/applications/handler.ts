import type { z } from 'zod';
import type { BusinessTypeCode, OutletCategory } from '#shared/catalog.ts';
import { lifecycleOf, type EventTarget, type LifecycleDefinition } from '#shared/lifecycles.ts';
import {
  businessDataSchemas,
  type BusinessData,
  type IssuedDocument,
  type RefusalItem,
} from '#shared/schemas/applications.ts';
import { businessResultSchemas, type BusinessResult } from '#shared/schemas/results.ts';
import type { Endorsement } from '#shared/schemas/documents.ts';
import type { PolicyKey, PolicyValues } from '../catalog/policy-keys.ts';
import type { Tx } from '../db/database.ts';
import type { AppContext } from '../platform/context.ts';
import type { Paper } from '../documents/documents.service.ts';
import type { Jurisdiction } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import { evaluateRules, orderRules, type Rule } from './rules.ts';

export type { Rule, RuleFailure } from './rules.ts';

export interface Person {
  idNumber: string;
  name: string;
  phone?: string | null | undefined;
}

/** Where a step happens: the outlet that takes it (or, for the platform, the application's). */
export interface StepOutlet {
  code: string;
  name: string;
  category: OutletCategory;
  countyCode: string;
  cityCode: string;
}

/** What every rule and effect may know about the application being decided. */
export interface Decision<D, K extends PolicyKey> {
  data: D;
  applicant: Person;
  agent: Person | null;
  /** The staff user acting; null when the platform itself acts (a deadline). */
  actor: Actor | null;
  outlet: StepOutlet;
  jurisdiction: Jurisdiction;
  today: string;
  now: Date;
  /** Policy values in force today, typed by their keys' schemas; null where none is set. */
  policy: PolicyValues<K>;
}

/** The application an event happens to, as its handler sees it. */
export interface ApplicationView<T extends BusinessTypeCode> {
  id: string;
  stage: string;
  result: BusinessResult<T>;
  submittedAt: Date;
  outletCode: string;
  countyCode: string;
  cityCode: string;
}

export interface EventDecision<T extends BusinessTypeCode, E, K extends PolicyKey> extends Decision<
  BusinessData<T>,
  K
> {
  event: E;
  application: ApplicationView<T>;
}

/** What effects may do besides writing their own registry: documents, in the same transaction. */
export interface EffectTools {
  applicationId: string;
  /** Issues a numbered document with its verification token (a given number for a plate). */
  issue(paper: Paper, subject: string, number?: string): Promise<IssuedDocument>;
  /** Voids the valid documents of a kind for a subject; returns their numbers. */
  voidDocuments(subject: string, kind: IssuedDocument['kind'], reason: string): Promise<string[]>;
  /**
   * Endorses the valid document of a kind about a subject (签注); null if none is on file, or,
   * with `unlessLast`, if its last endorsement is already of this kind (it shows it already).
   */
  endorse(
    subject: string,
    kind: IssuedDocument['kind'],
    endorsement: Endorsement,
    o?: { unlessLast?: boolean },
  ): Promise<IssuedDocument | null>;
  /** Voids a vehicle's mortgage records issued before mortgages were endorsed (documents.service). */
  voidMortgageRecords(vin: string, reason: string): Promise<string[]>;
  /**
   * Undoes `voidDocuments` on a withdrawal: the documents of `numbers` voided for `reason` are
   * valid again, unless the subject holds a valid one of the kind by now; returns their numbers.
   */
  restoreVoided(
    subject: string,
    kind: IssuedDocument['kind'],
    numbers: readonly string[],
    reason: string,
  ): Promise<string[]>;
  /**
   * Voids the valid documents of the `voiding` kinds for a subject, then issues `issue` (in that
   * order), in one statement: a registration's documents, a transfer's replacements. The voided
   * numbers come with their kinds, in the order of `voiding`. `read`: the valid documents of
   * the `voiding` kinds the step read with its facts; the statement then needs no answer.
   */
  issueSet(
    subject: string,
    issue: readonly { kind: Paper; number?: string }[],
    voiding?: readonly { kind: IssuedDocument['kind']; reason: string }[],
    read?: readonly { kind: string; number: string }[],
  ): Promise<{
    documents: IssuedDocument[];
    voided: { kind: IssuedDocument['kind']; number: string }[];
  }>;
  /**
   * `voidDocuments` then `issue` (a serial number), in one statement: a reissue's replacement.
   * `read`: the numbers of the valid documents of the kind the step read with its facts; the
   * statement then needs no answer (it is written behind, and checks that it voids those).
   */
  reissue(
    kind: IssuedDocument['kind'],
    subject: string,
    reason: string,
    read?: readonly string[],
  ): Promise<{ document: IssuedDocument; voided: string[] }>;
}

/** What the audit record says about a registry change. */
export interface AuditNote {
  entityType: string;
  entityId: string;
  details: Record<string, unknown>;
}

export interface Outcome<T extends BusinessTypeCode> {
  /** `accepted` enters the first stage of the business type's lifecycle. */
  status: 'completed' | 'accepted';
  result: BusinessResult<T>;
  audit: AuditNote;
}

export interface EventOutcome<T extends BusinessTypeCode> {
  /** Where the application goes; must be one of the event's targets in the lifecycle table. */
  to: EventTarget;
  /** The application's result from now on (the submission's, with what this step added). */
  result: BusinessResult<T>;
  audit: AuditNote;
}

/**
 * One business type plugged into the pipeline: the facts its rules need, the rules, the effects
 * of a submission, and the effects of each lifecycle event. Its data and result schemas are the
 * shared ones of its type. The pipeline does everything else (delegation, validation, refusal
 * notices, idempotency, documents, audit, outbox, SLA) the same way for all of them.
 */
export interface BusinessHandler<T extends BusinessTypeCode, F, K extends PolicyKey = never> {
  type: T;
  policyKeys: readonly K[];
  /** Serialises concurrent steps on the same subject (a VIN, a plate, a person). */
  lockKey(data: BusinessData<T>, applicant: Person): string;
  load(tx: Tx, decision: Decision<BusinessData<T>, K>): Promise<F>;
  rules: readonly Rule<F>[];
  apply(
    tx: Tx,
    decision: Decision<BusinessData<T>, K>,
    facts: F,
    tools: EffectTools,
  ): Promise<Outcome<T>>;
  /** The handlers of its lifecycle's events (shared/src/lifecycles.ts), by event code. */
  events?: Readonly<Record<string, RegisteredEvent<T>>>;
  /**
   * What the deadline job closes besides stage deadlines, for facts a stage's age cannot tell (an
   * exam day that passed): fires platform events on `self`, or on another type's application
   * through `handlerOf`; returns how many it closed.
   */
  sweep?(
    ctx: AppContext,
    self: RegisteredHandler,
    handlerOf: (type: BusinessTypeCode) => RegisteredHandler | undefined,
  ): Promise<number>;
  /** Undoes what an accepted application holds when it is withdrawn (e.g. voids a temporary plate). */
  onWithdraw?(
    tx: Tx,
    decision: EventDecision<T, Record<string, never>, never>,
    tools: EffectTools,
  ): Promise<EventOutcome<T>>;
}

export interface EventHandler<
  T extends BusinessTypeCode,
  F,
  E extends z.ZodType,
  K extends PolicyKey = never,
> {
  /** The event's own data (e.g. an inspection report number), checked like a submission's. */
  data: E;
  policyKeys: readonly K[];
  load(tx: Tx, decision: EventDecision<T, z.infer<E>, K>): Promise<F>;
  rules: readonly Rule<F>[];
  apply(
    tx: Tx,
    decision: EventDecision<T, z.infer<E>, K>,
    facts: F,
    tools: EffectTools,
  ): Promise<EventOutcome<T>>;
}

// ---- The uniform face the pipeline sees --------------------------------------------------

/** The policy the step was decided under: each value with its effective date. */
export type PolicySnapshot = Record<string, { value: unknown; effectiveFrom: string }>;

/** What the pipeline gives a handler for one step, whatever its types. */
export interface Step {
  tx: Tx;
  base: Omit<Decision<never, never>, 'data' | 'policy'>;
  tools: EffectTools;
  policy<K extends PolicyKey>(
    keys: readonly K[],
  ): Promise<{ values: PolicyValues<K>; snapshot: PolicySnapshot }>;
  lock(key: string): Promise<void>;
}

export type StepResult<R> =
  | { kind: 'refused'; items: RefusalItem[]; policy: PolicySnapshot }
  | { kind: 'done'; outcome: R; policy: PolicySnapshot };

export interface ErasedOutcome {
  status: 'completed' | 'accepted';
  result: Record<string, unknown>;
  audit: AuditNote;
}
export interface ErasedEventOutcome {
  to: EventTarget;
  result: Record<string, unknown>;
  audit: AuditNote;
}

/** The application an event happens to, before its handler's types are known. */
export interface ErasedApplication {
  id: string;
  stage: string;
  data: unknown;
  result: unknown;
  applicant: Person;
  agent: Person | null;
  submittedAt: Date;
  outletCode: string;
  countyCode: string;
  cityCode: string;
}

export interface RegisteredEvent<T extends BusinessTypeCode = BusinessTypeCode> {
  readonly type?: T;
  readonly dataSchema: z.ZodType;
  fire(
    step: Step,
    application: ErasedApplication,
    eventData: unknown,
  ): Promise<StepResult<ErasedEventOutcome>>;
}

export interface RegisteredHandler {
  readonly type: BusinessTypeCode;
  readonly lifecycle: LifecycleDefinition | undefined;
  readonly events: ReadonlyMap<string, RegisteredEvent>;
  /**
   * Decides a submission whose data its type's schema has parsed: the pipeline parses it before
   * the transaction, to answer every bad field by its path, and it is not parsed twice.
   */
  submit(
    step: Step,
    data: BusinessData<BusinessTypeCode>,
    /** Bars the pipeline found before the business's own rules, refused with theirs at once. */
    bars?: readonly RefusalItem[],
  ): Promise<StepResult<ErasedOutcome>>;
  withdraw(step: Step, application: ErasedApplication): Promise<ErasedEventOutcome>;
  /** The type's own nightly closing (BusinessHandler.sweep), if it has one. */
  sweep?(
    ctx: AppContext,
    handlerOf: (type: BusinessTypeCode) => RegisteredHandler | undefined,
  ): Promise<number>;
}

/** A typed application from the erased one: data and result parsed by their shared schemas. */
function viewOf<T extends BusinessTypeCode>(type: T, a: ErasedApplication) {
  const data: BusinessData<T> = businessDataSchemas[type].parse(a.data) as BusinessData<T>;
  const result: BusinessResult<T> = businessResultSchemas[type].parse(
    a.result,
  ) as BusinessResult<T>;
  return { data, result };
}

/**
 * Typed event handler → the uniform face. Its facts and data types stay inside the closure, so
 * the registry holds events of every shape side by side without casts to `any`.
 */
export function defineEvent<
  T extends BusinessTypeCode,
  F,
  E extends z.ZodType,
  K extends PolicyKey,
>(type: T, handler: EventHandler<T, F, E, K>): RegisteredEvent<T> {
  const rules = orderRules(handler.rules);
  return {
    type,
    dataSchema: handler.data,
    async fire(step, application, eventData) {
      const { data, result } = viewOf(type, application);
      const { values, snapshot } = await step.policy(handler.policyKeys);
      const decision: EventDecision<T, z.infer<E>, K> = {
        ...step.base,
        applicant: application.applicant,
        agent: application.agent,
        data,
        policy: values,
        event: handler.data.parse(eventData),
        application: { ...application, result },
      };
      const facts = await handler.load(step.tx, decision);
      const items = evaluateRules(rules, facts);
      if (items.length) return { kind: 'refused', items, policy: snapshot };
      const outcome = await handler.apply(step.tx, decision, facts, step.tools);
      return {
        kind: 'done',
        outcome: { ...outcome, result: businessResultSchemas[type].parse(outcome.result) },
        policy: snapshot,
      };
    },
  };
}

/** Typed business handler → the uniform face the pipeline and the registry hold. */
export function defineHandler<T extends BusinessTypeCode, F, K extends PolicyKey>(
  handler: BusinessHandler<T, F, K>,
): RegisteredHandler {
  const type = handler.type;
  const rules = orderRules(handler.rules);
  // An event locks the application's subject like a submission does.
  const events = new Map(
    Object.entries(handler.events ?? {}).map(([code, event]): [string, RegisteredEvent] => [
      code,
      {
        dataSchema: event.dataSchema,
        async fire(step, application, eventData) {
          await step.lock(handler.lockKey(viewOf(type, application).data, application.applicant));
          return await event.fire(step, application, eventData);
        },
      },
    ]),
  );
  const registered: RegisteredHandler = {
    type,
    lifecycle: lifecycleOf(type),
    events,
    ...(handler.sweep && {
      sweep: (
        ctx: AppContext,
        handlerOf: (type: BusinessTypeCode) => RegisteredHandler | undefined,
      ) => handler.sweep!(ctx, registered, handlerOf),
    }),
    async submit(step, parsed, bars = []) {
      const data = parsed as BusinessData<T>;
      const { values, snapshot } = await step.policy(handler.policyKeys);
      const decision: Decision<BusinessData<T>, K> = { ...step.base, data, policy: values };
      await step.lock(handler.lockKey(data, step.base.applicant));
      const facts = await handler.load(step.tx, decision);
      const items = [...bars, ...evaluateRules(rules, facts)];
      if (items.length) return { kind: 'refused', items, policy: snapshot };
      const outcome = await handler.apply(step.tx, decision, facts, step.tools);
      return {
        kind: 'done',
        outcome: { ...outcome, result: businessResultSchemas[type].parse(outcome.result) },
        policy: snapshot,
      };
    },
    async withdraw(step, application) {
      const { data, result } = viewOf(type, application);
      await step.lock(handler.lockKey(data, application.applicant));
      if (!handler.onWithdraw) {
        return {
          to: 'withdrawn',
          result,
          audit: { entityType: 'application', entityId: application.id, details: {} },
        };
      }
      const outcome = await handler.onWithdraw(
        step.tx,
        {
          ...step.base,
          applicant: application.applicant,
          agent: application.agent,
          data,
          policy: {},
          event: {},
          application: { ...application, result },
        },
        step.tools,
      );
      return { ...outcome, result: businessResultSchemas[type].parse(outcome.result) };
    },
  };
  return registered;
}
