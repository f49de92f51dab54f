import { Select } from 'antd';
import { useLanguage } from '../../i18n/index.ts';
import { useClearable } from '../../lib/clearable.tsx';

/** A list's status filter (labelled, clearable): alerts, reviews. */
export function StatusFilter<S extends string>({
  value,
  statuses,
  labelOf,
  onChange,
}: {
  value: S | undefined;
  statuses: readonly S[];
  labelOf: (s: S) => string;
  onChange: (s: S | undefined) => void;
}) {
  const { t } = useLanguage();
  const clearable = useClearable();
  return (
    <Select<S>
      aria-label={t('supervision.status')}
      style={{ width: 160 }}
      allowClear={clearable}
      value={value}
      placeholder={t('supervision.status')}
      onChange={onChange}
      options={statuses.map((s) => ({ value: s, label: labelOf(s) }))}
    />
  );
}
