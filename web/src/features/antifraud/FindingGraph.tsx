/**
 * A finding's graph drawn with the ECharts graph series (force layout). Loaded lazily: only the
 * finding page needs the graph chart, so it is registered here and not in lib/echarts.ts.
 */
import { GraphChart } from 'echarts/charts';
import { useMemo } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { EChart } from '../../lib/EChart.tsx';
import { echarts, type EChartsOption } from '../../lib/echarts.ts';
import { GRAPH_NODE_KINDS, type Finding } from '#shared/schemas/antifraud.ts';

echarts.use([GraphChart]);

/** Node colours of the Okabe–Ito palette (distinguishable with colour-vision deficiencies). */
const NODE_COLOR: Record<(typeof GRAPH_NODE_KINDS)[number], string> = {
  person: '#0072B2',
  organisation: '#56B4E9',
  vehicle: '#009E73',
  phone: '#E69F00',
  device: '#D55E00',
  staff: '#CC79A7',
  outlet: '#555555',
};

const keyOf = (n: { kind: string; id: string }) => `${n.kind}:${n.id}`;

export default function FindingGraph({ finding }: { finding: Finding }) {
  const { t } = useLanguage();
  const { option, nodes } = useMemo(() => {
    const nodes = new Map<string, { kind: (typeof GRAPH_NODE_KINDS)[number]; id: string }>();
    for (const l of finding.links) {
      nodes.set(keyOf(l.from), l.from);
      nodes.set(keyOf(l.to), l.to);
    }
    const option: EChartsOption = {
      tooltip: {},
      legend: { data: GRAPH_NODE_KINDS.map((k) => t(`antifraud.nodeKinds.${k}`)), bottom: 0 },
      series: [
        {
          type: 'graph',
          layout: 'force',
          roam: true,
          draggable: true,
          force: { repulsion: 120, edgeLength: 60 },
          categories: GRAPH_NODE_KINDS.map((k) => ({
            name: t(`antifraud.nodeKinds.${k}`),
            itemStyle: { color: NODE_COLOR[k] },
          })),
          data: [...nodes.entries()].map(([key, n]) => ({
            id: key,
            name: n.id,
            category: GRAPH_NODE_KINDS.indexOf(n.kind),
            symbolSize: n.kind === 'person' || n.kind === 'staff' ? 16 : 11,
          })),
          links: finding.links.map((l) => ({
            source: keyOf(l.from),
            target: keyOf(l.to),
            value: l.count,
            lineStyle: { width: Math.min(1 + l.count, 6) },
          })),
        },
      ],
    };
    return { option, nodes: nodes.size };
  }, [finding, t]);
  return (
    <div data-testid="finding-graph">
      <EChart
        option={option}
        height={420}
        label={t('antifraud.graphLabel', { nodes, links: finding.links.length })}
      />
    </div>
  );
}
