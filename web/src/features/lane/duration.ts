import type { TFunction } from 'i18next';

/** Seconds as people read a wait: "12 分 05 秒", or "1 小时 02 分" from an hour on. */
export function formatDuration(seconds: number | null, t: TFunction): string {
  if (seconds === null) return t('common.none');
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? t('lane.hours', { h, m: two(m) }) : t('lane.minutes', { m, s: two(s) });
}
