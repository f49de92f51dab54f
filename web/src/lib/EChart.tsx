import { useEffect, useRef } from 'react';
import type { echarts, EChartsOption } from './echarts.ts';

/** ECharts' module: fetched once, by the first chart or by a card that will draw one. */
const chartLibrary = () => import('./echarts.ts');

/**
 * Starts fetching ECharts when a card that draws a chart once its data has come mounts, so the
 * library arrives beside the data rather than after it.
 */
export function useChartLibraryAhead() {
  useEffect(() => {
    void chartLibrary();
  }, []);
}

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
    void chartLibrary().then(({ echarts }) => {
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
