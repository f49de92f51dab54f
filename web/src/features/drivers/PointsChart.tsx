import { useMemo } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { EChart } from '../../lib/EChart.tsx';
import type { DriverFile } from './api.ts';

/**
 * The points of the cycle in force as bars: each scoring up, each reduction down, by day. The
 * chart is an image with a label; the same facts are in the tables below it.
 */
export function PointsChart({ file }: { file: DriverFile }) {
  const { t } = useLanguage();
  const cycle = file.licence?.cycle;
  const option = useMemo(() => {
    const entries = file.ledger.filter((e) => cycle && e.on >= cycle.start && e.on <= cycle.end);
    const days = [...new Set(entries.map((e) => e.on))];
    const sumOn = (day: string, kinds: string[]) =>
      entries
        .filter((e) => e.on === day && kinds.includes(e.kind))
        .reduce((n, e) => n + e.points, 0);
    return {
      tooltip: { trigger: 'axis' as const },
      legend: { data: [t('driver.file.added'), t('driver.file.taken')] },
      grid: { left: 40, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'category' as const, data: days },
      yAxis: { type: 'value' as const, minInterval: 1 },
      series: [
        {
          name: t('driver.file.added'),
          type: 'bar' as const,
          stack: 'p',
          data: days.map((d) => sumOn(d, ['violation', 'imported'])),
          itemStyle: { color: '#c0392b' },
        },
        {
          name: t('driver.file.taken'),
          type: 'bar' as const,
          stack: 'p',
          data: days.map((d) => -sumOn(d, ['reduction'])),
          itemStyle: { color: '#1e7e34' },
        },
      ],
    };
  }, [file.ledger, cycle, t]);
  if (!cycle) return null;
  return <EChart option={option} height={220} label={t('driver.file.chartLabel')} />;
}
