import { defineHandler } from '../applications/handler.ts';
import { channelOf } from '../applications/pipeline.ts';
import { hasRole } from '../platform/actor.ts';
import { beijingInstant } from '../platform/time.ts';
import type { ViolationPorts } from './bindings-port.ts';
import { FULL_SCORE } from './cycle.ts';
import { reachFullScore } from './full-score-reached.ts';
import {
  HANDLE_POLICY_KEYS,
  loadHandleFacts,
  type LoadedHandleFacts,
} from './violation-handle.facts.ts';
import { VIOLATION_HANDLE_RULES } from './violation-handle.rules.ts';
import { markHandled } from './violations.repository.ts';
import { insertPointEntry } from './points.repository.ts';

/**
 * 交通违法处理 (R163 §§13–14, §17): the driver takes the penalty and the points of one record;
 * the record keeps who, where, when and through which channel. Reaching 12 points detains the
 * licence and opens a full-score record with its study days and exams.
 */
export const violationHandleHandler = (ports: ViolationPorts) =>
  defineHandler({
    type: 'violation.handle',
    policyKeys: HANDLE_POLICY_KEYS,
    lockKey: (data) => `violation:${data.violationId}`,
    load: (tx, d) =>
      loadHandleFacts(tx, {
        cityCode: d.jurisdiction.cityCode,
        platePrefixes: d.jurisdiction.platePrefixes,
        violationId: d.data.violationId,
        driver: d.applicant.idNumber,
        driverName: d.applicant.name,
        today: d.today,
        policy: d.policy,
        // A citizen's own account online (12123): its bindings say whose vehicles it may handle.
        online:
          d.actor && hasRole(d.actor, 'citizen') && channelOf(d.outlet.category) === 'internet'
            ? { userId: d.actor.userId, boundSince: ports.boundSince }
            : null,
      }),
    rules: VIOLATION_HANDLE_RULES,
    async apply(tx, d, facts: LoadedHandleFacts, tools) {
      const v = facts.record;
      if (!v) throw new Error('effects ran for a violation that is not on file');
      await markHandled(tx, {
        cityCode: v.cityCode,
        id: v.id,
        driver: d.applicant.idNumber,
        ownerIdNumber: facts.ownerIdNumber,
        on: d.today,
        at: d.now,
        applicationId: tools.applicationId,
        outletCode: d.outlet.code,
        userId: d.actor?.userId ?? null,
        channel: channelOf(d.outlet.category),
        phone: d.applicant.phone ?? null,
      });
      const { licence, cycle } = facts.driverFacts;
      const cyclePoints = facts.pointsBefore + v.points;
      let fullScore;
      if (licence && v.points > 0) {
        await insertPointEntry(tx, {
          cityCode: licence.cityCode,
          idNumber: licence.idNumber,
          kind: 'violation',
          points: v.points,
          recordedOn: d.today,
          violation: { cityCode: v.cityCode, id: v.id, fine: v.fine },
          applicationId: tools.applicationId,
        });
        if (cyclePoints >= FULL_SCORE) {
          fullScore = await reachFullScore(tx, licence, {
            cycleStart: cycle.start,
            pointsBefore: facts.pointsBefore,
            cyclePoints,
            policy: d.policy,
            on: {
              today: d.today,
              now: d.now,
              applicationId: tools.applicationId,
              actor: d.actor?.displayName,
            },
          });
        }
      }
      return {
        status: 'completed',
        result: {
          violation: {
            id: v.id,
            plate: v.plate,
            code: v.code,
            description: facts.description,
            occurredAt: beijingInstant(v.occurredAt),
          },
          points: v.points,
          fine: v.fine,
          cyclePoints: licence ? cyclePoints : 0,
          ...(fullScore
            ? {
                fullScore: {
                  studyDays: fullScore.studyDays,
                  subjects: fullScore.subjects,
                  cancelledClasses: fullScore.cancelledClasses,
                },
              }
            : {}),
        },
        audit: {
          entityType: 'violation',
          entityId: v.id,
          details: {
            plate: v.plate,
            driver: d.applicant.idNumber,
            owner: facts.ownerIdNumber,
            points: v.points,
            fine: v.fine,
            cyclePoints,
            fullScore: fullScore !== undefined,
          },
        },
      };
    },
  });
