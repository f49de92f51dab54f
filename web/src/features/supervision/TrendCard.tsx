import { Card } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { todayInBeijing } from '../../lib/dates.ts';
import { EChart, useChartLibraryAhead } from '../../lib/EChart.tsx';
import type { EChartsOption } from '../../lib/echarts.ts';
import { useQueriesNow } from '../../lib/queries.ts';
import { bulletinRead } from './api.ts';

/** The first day of each of the last six months, oldest first. */
export function lastSixMonths(): string[] {
  const start = dayjs(todayInBeijing()).startOf('month');
  return Array.from({ length: 6 }, (_, i) => start.subtract(5 - i, 'month').format('YYYY-MM-DD'));
}

/** Business, refusals and alerts per month over the last six months, from the monthly bulletins. */
export function TrendCard() {
  const { t } = useLanguage();
  const months = useMemo(lastSixMonths, []);
  useChartLibraryAhead();
  const bulletins = useQueriesNow(months.map((date) => bulletinRead('monthly', date)));
  const data = bulletins.map((b) => b.data);
  const ready = data.every((b) => b !== undefined);
  // The query results are new arrays on every render; their update times say when they changed.
  const version = bulletins.map((b) => b.dataUpdatedAt).join(',');
  const option = useMemo<EChartsOption>(() => {
    const rows = data.map((b) => ({
      applications: b?.totals.applications ?? 0,
      refused: b?.totals.refused ?? 0,
      alerts: (b?.alerts ?? []).reduce((s, a) => s + a.open + a.assigned + a.closed, 0),
    }));
    const series = (name: string, key: keyof (typeof rows)[number], color: string) => ({
      name,
      type: 'line' as const,
      data: rows.map((r) => r[key]),
      color,
    });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => m.slice(0, 7)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        series(t('supervision.total'), 'applications', '#1f5fbf'),
        series(t('supervision.refused'), 'refused', '#ad4e00'),
        series(t('supervision.alertCount'), 'alerts', '#cf1322'),
      ],
    };
  }, [version, months, t]);
  return (
    <Card size="small" title={t('supervision.trend')} loading={!ready}>
      <EChart option={option} height={300} label={t('supervision.trendChart')} />
    </Card>
  );
}
