/** A handling time in the largest unit that keeps it readable: minutes, hours or days. */
export function durationParts(seconds: number): {
  unit: 'minutes' | 'hours' | 'days';
  value: number;
} {
  if (seconds < 3600) return { unit: 'minutes', value: Math.round(seconds / 60) };
  if (seconds < 86_400) return { unit: 'hours', value: Math.round(seconds / 360) / 10 };
  return { unit: 'days', value: Math.round(seconds / 8640) / 10 };
}
