import { Card, Empty, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { EChart, useChartLibraryAhead } from '../../lib/EChart.tsx';
import type { EChartsOption } from '../../lib/echarts.ts';
import { useFunnel, type Funnel } from './api.ts';
import type { Period } from './PeriodForm.tsx';
import { usePeerGroupName } from './peer-group.ts';

/** The rules whose units are compared with their peers (GET /supervision/funnels/{rule}). */
export const RATE_RULES = [
  'outlet-refusal-rate',
  'inspection-pass-rate',
  'exam-pass-rate',
] as const;

type Group = Funnel['groups'][number];
type Unit = Group['units'][number];

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
/** Colours with 4.5:1 contrast on white: blue for units within limits, red for flagged ones. */
const BLUE = '#1f5fbf';
const RED = '#cf1322';

function funnelOption(group: Group, t: (k: string) => string): EChartsOption {
  const line = (name: string, key: keyof Group['curve'][number], dashed: boolean) => ({
    name,
    type: 'line' as const,
    showSymbol: false,
    data: group.curve.map((c) => [c.n, c[key]]),
    lineStyle: { type: dashed ? ('dashed' as const) : ('solid' as const), width: 1 },
    color: '#595959',
    silent: true,
  });
  const points = (units: Unit[]) =>
    units.map((u) => ({ value: [u.n, u.rate], name: u.name ?? u.id }));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const { name, value } = p as { name?: string; value?: number[] };
        return value ? `${name ?? ''}<br/>n = ${value[0]}, ${percent(value[1] ?? 0)}` : '';
      },
    },
    legend: { top: 0 },
    // The size axis is named under its middle: at its end (ECharts' default) the name ran past
    // the right edge, which the grid's label box does not count.
    grid: { left: 8, right: 24, top: 40, bottom: 28, containLabel: true },
    xAxis: {
      type: 'log',
      name: t('supervision.size'),
      nameLocation: 'middle',
      nameGap: 28,
      min: 1,
    },
    yAxis: {
      type: 'value',
      name: t('supervision.rate'),
      min: 0,
      max: 1,
      axisLabel: { formatter: (v: number) => percent(v) },
    },
    series: [
      {
        name: t('supervision.centre'),
        type: 'line',
        showSymbol: false,
        data: group.curve.map((c) => [c.n, group.centre]),
        lineStyle: { type: 'dotted', width: 1 },
        color: '#262626',
        silent: true,
      },
      line(t('supervision.limit95'), 'lower95', true),
      { ...line(t('supervision.limit95'), 'upper95', true) },
      line(t('supervision.limit998'), 'lower998', false),
      { ...line(t('supervision.limit998'), 'upper998', false) },
      {
        name: t('supervision.inLimits'),
        type: 'scatter',
        symbolSize: 7,
        color: BLUE,
        data: points(group.units.filter((u) => !u.flagged)),
      },
      {
        name: t('supervision.flagged'),
        type: 'scatter',
        symbolSize: 10,
        color: RED,
        data: points(group.units.filter((u) => u.flagged)),
      },
    ],
  };
}

/**
 * The funnel plot of one rate rule: every unit's rate against its size in its peer group, with
 * the peer centre and the 95 % / 99.8 % limits, and the same numbers as a table (the chart's
 * text alternative), ranked by the shrunken rate.
 */
export function FunnelCard({ period }: { period: Period }) {
  const { t } = useLanguage();
  const [rule, setRule] = useState<string>(RATE_RULES[0]);
  useChartLibraryAhead();
  const [groupName, setGroupName] = useState<string | undefined>();
  const peerGroup = usePeerGroupName();
  const funnel = useFunnel(rule, period);
  const groups = funnel.data?.groups ?? [];
  const group = groups.find((g) => g.group === groupName) ?? groups[0];
  const option = useMemo(() => (group ? funnelOption(group, t) : null), [group, t]);
  const ruleName = t(`supervision.rules.${rule}`);
  const units = useMemo(
    () => [...(group?.units ?? [])].sort((a, b) => b.shrunkenRate - a.shrunkenRate),
    [group],
  );
  return (
    <Card
      size="small"
      title={t('supervision.funnel')}
      loading={funnel.isLoading}
      extra={
        <Space wrap>
          <Select
            aria-label={t('supervision.rateRule')}
            style={{ width: 220 }}
            value={rule}
            data-testid="funnel-rule"
            onChange={(v) => {
              setRule(v);
              setGroupName(undefined);
            }}
            options={RATE_RULES.map((r) => ({ value: r, label: t(`supervision.rules.${r}`) }))}
          />
          {groups.length > 1 && (
            <Select
              aria-label={t('supervision.group')}
              style={{ width: 160 }}
              value={group?.group}
              onChange={setGroupName}
              options={groups.map((g) => ({ value: g.group, label: peerGroup(g.group) }))}
            />
          )}
        </Space>
      }
    >
      {group && option ? (
        <>
          <EChart
            option={option}
            height={360}
            label={t('supervision.funnelChart', { rule: ruleName })}
          />
          <ScrollRegion label={t('supervision.funnel')}>
            <Table<Unit>
              data-testid="funnel-units"
              size="small"
              rowKey="id"
              dataSource={units}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t('supervision.unit'), render: (_, u) => u.name ?? u.id },
                { title: t('supervision.size'), dataIndex: 'n', align: 'right' },
                { title: t('supervision.events'), dataIndex: 'events', align: 'right' },
                {
                  title: t('supervision.rate'),
                  dataIndex: 'rate',
                  align: 'right',
                  render: percent,
                },
                {
                  title: t('supervision.shrunkenRate'),
                  dataIndex: 'shrunkenRate',
                  align: 'right',
                  render: percent,
                },
                {
                  title: t('supervision.qValue'),
                  dataIndex: 'q',
                  align: 'right',
                  render: (q: number) => q.toPrecision(3),
                },
                {
                  title: t('supervision.status'),
                  dataIndex: 'flagged',
                  render: (f: boolean) =>
                    f ? (
                      <Tag color="red">{t('supervision.flagged')}</Tag>
                    ) : (
                      t('supervision.inLimits')
                    ),
                },
              ]}
            />
          </ScrollRegion>
        </>
      ) : (
        <Empty description={t('supervision.noUnits')} />
      )}
    </Card>
  );
}
