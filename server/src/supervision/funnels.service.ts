import type { Funnel as FunnelAnswer } from '#shared/schemas/supervision.ts';
import { policyIn } from '../catalog/catalog.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import type { SupervisionPorts } from './exam-port.ts';
import { peerComparison } from './peer-outliers.ts';
import { ruleById } from './rules.ts';
import { gatherFacts, RUN_KEYS } from './runs.service.ts';
import { funnelLimits, funnelTest, type Funnel } from './stats/funnel.ts';
import { shrunkenRate } from './stats/shrinkage.ts';
import { supervisionScope } from './supervision.policy.ts';

/** Sizes at which the funnel's limits are drawn: log-spaced from 1 to past the largest unit. */
const curveSizes = (largest: number) => {
  const sizes: number[] = [];
  for (let n = 1; n <= Math.max(largest * 1.2, 10); n = Math.ceil(n * 1.25)) sizes.push(n);
  return sizes;
};

/**
 * The funnel a group is drawn with. A large group's units are all measured by the group's own
 * funnel; in a small one each unit is measured by the others (stats/funnel.ts), so the picture
 * that explains its flags is the funnel of the units not flagged.
 */
function drawnFunnel(members: ReturnType<typeof peerComparison>): Pick<Funnel, 'centre' | 'tau'> {
  const first = members[0]!;
  if (members.every((m) => m.yardstick === m.funnel)) return first.funnel;
  const unflagged = members.filter((m) => !m.flagged);
  if (unflagged.length === 0) return first.funnel;
  return funnelTest(
    unflagged.map((m) => ({ unit: m.unit.key, n: m.unit.n, events: m.unit.events })),
    'two-sided',
  );
}

/**
 * The funnel plot of a rate rule over a period (the dashboard): every unit's rate and size in
 * its peer group, the group's centre and its 95 % and 99.8 % limits at every size, and which
 * units the run's test flags. A brigade supervisor sees its county's units against the whole
 * city's funnel (the peers are the city's).
 */
export async function funnelFor(
  ctx: AppContext,
  actor: Actor,
  ruleId: string,
  period: { from: string; to: string },
  ports: SupervisionPorts,
): Promise<FunnelAnswer> {
  const scope = supervisionScope(actor);
  const rule = ruleById(ruleId);
  if (!rule?.units) throw invalid([{ path: 'params.rule', message: '该规则没有同类比较' }]);
  const policy = await policyIn(ctx.db, RUN_KEYS, period.to, scope.cityCode);
  const facts = await gatherFacts(
    ctx.db,
    ports,
    scope.cityCode,
    period,
    policy.values,
    undefined,
    rule.unitSources,
  );
  const units = rule.units(facts);
  const tested = peerComparison(
    [...units.values()],
    {
      q: policy.values['supervision.fdr-q'] ?? 0.05,
      minUnitSize: policy.values['supervision.min-unit-size'] ?? 1,
    },
    'two-sided',
  );
  const groups = new Map<string, FunnelAnswer['groups'][number]>();
  for (const t of tested) {
    let g = groups.get(t.unit.group);
    if (!g) {
      const members = tested.filter((x) => x.unit.group === t.unit.group);
      const largest = Math.max(...members.map((x) => x.unit.n));
      const drawn = drawnFunnel(members);
      g = {
        group: t.unit.group,
        centre: drawn.centre,
        tau: drawn.tau,
        curve: curveSizes(largest).map((n) => {
          const l95 = funnelLimits(drawn, n, 1.959964);
          const l998 = funnelLimits(drawn, n, 3.090232);
          return {
            n,
            lower95: l95.lower,
            upper95: l95.upper,
            lower998: l998.lower,
            upper998: l998.upper,
          };
        }),
        units: [],
      };
      groups.set(t.unit.group, g);
    }
    const u = units.get(t.unit.key)!;
    if (scope.countyCode && u.countyCode !== scope.countyCode) continue;
    const name = facts.outlets.get(u.id)?.name;
    g.units.push({
      // One group per exam subject: an examiner is named by its id, as its alerts name it.
      id: u.id,
      ...(name ? { name } : {}),
      countyCode: u.countyCode,
      n: u.n,
      events: u.events,
      rate: u.events / u.n,
      shrunkenRate: shrunkenRate(u.events, u.n, t.yardstick.centre, t.yardstick.tau),
      z: t.z,
      q: t.q,
      flagged: t.flagged,
    });
  }
  return { rule: rule.id, from: period.from, to: period.to, groups: [...groups.values()] };
}
