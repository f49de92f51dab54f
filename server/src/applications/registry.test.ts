import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REGISTRY } from '../app/registry.ts';
import { licenceReissueHandler } from '../vehicles/licence-reissue.handler.ts';
import { plateReissueHandler } from '../vehicles/plate-reissue.handler.ts';
import { defineEvent, defineHandler } from './handler.ts';
import { createRegistry } from './registry.ts';

const staged = (events: Parameters<typeof defineHandler>[0]['events']) =>
  defineHandler({
    type: 'vehicle.plate-reissue',
    policyKeys: [],
    lockKey: (d) => String(d.plate),
    load: async () => ({}),
    rules: [],
    apply: async () => {
      throw new Error('not called');
    },
    events,
  });

const noop = defineEvent('vehicle.plate-reissue', {
  data: z.object({}),
  policyKeys: [],
  load: async () => ({}),
  rules: [],
  apply: async (_tx, d) => ({
    to: 'completed',
    result: d.application.result,
    audit: { entityType: 'x', entityId: 'y', details: {} },
  }),
});

describe('the business registry', () => {
  it('holds the platform handlers, each with its lifecycle checked', () => {
    expect([...REGISTRY.implemented].sort()).toEqual([
      'agent.review-flag',
      'exam.book',
      'fine.pay',
      'licence.apply',
      'licence.reissue',
      'licence.renew',
      'licence.review',
      'points.reduce',
      'vehicle.certificate-reissue',
      'vehicle.change',
      'vehicle.deregister',
      'vehicle.inspection-mark',
      'vehicle.licence-reissue',
      'vehicle.mortgage',
      'vehicle.mortgage-release',
      'vehicle.plate-reissue',
      'vehicle.register',
      'vehicle.temp-plate',
      'vehicle.transfer',
      'violation.handle',
      'violation.substitute-hold',
    ]);
    expect(REGISTRY.get('vehicle.plate-reissue')?.lifecycle?.stages[0]?.code).toBe(
      'plate-in-production',
    );
  });

  it('refuses two handlers for one type', () => {
    expect(() => createRegistry([licenceReissueHandler, licenceReissueHandler])).toThrow(
      /two handlers/,
    );
  });

  it('refuses a lifecycle event without a handler, and a handler for an unknown event', () => {
    expect(() => createRegistry([staged({ 'plate-produced': noop })])).toThrow(
      /event plate-handed-over has no handler/,
    );
    expect(() =>
      createRegistry([
        staged({
          'plate-produced': noop,
          'plate-handed-over': noop,
          'collection-deadline': noop,
          'made-up': noop,
        }),
      ]),
    ).toThrow(/unknown event made-up/);
    expect(() => createRegistry([plateReissueHandler])).not.toThrow();
  });
});
