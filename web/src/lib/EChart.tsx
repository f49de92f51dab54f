import { useEffect, useRef } from 'react';
import type { echarts, EChartsOption } from './echarts.ts';

/**
 * A chart that follows its option and its container's size, and is disposed on unmount.
 * ECharts itself (about half a megabyte) is loaded when the first chart mounts, not with the
 * page that shows it: the page's table and filters come up first.
 */
export function EChart({
  option,
  height,
  label,
}: {
  option: EChartsOption;
  height: number;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    let gone = false;
    let observer: ResizeObserver | null = null;
    void import('./echarts.ts').then(({ echarts }) => {
      if (gone || !ref.current) return;
      const instance = echarts.init(ref.current);
      chart.current = instance;
      instance.setOption(latest.current, { notMerge: true });
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(ref.current);
    });
    return () => {
      gone = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} style={{ height, width: '100%' }} role="img" aria-label={label} />;
}
