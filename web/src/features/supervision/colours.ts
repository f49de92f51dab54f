/** Severity and status colours chosen for contrast on white (WCAG AA with antd's tag text). */
export const SEVERITY_COLOR = { low: 'default', medium: 'warning', high: 'error' } as const;
export const STATUS_COLOR = { open: 'error', assigned: 'processing', closed: 'default' } as const;
