import { Select } from 'antd';
import { useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { useOutlets } from '../network/api.ts';

interface Props {
  /** Given by Form.Item, so that the field's label points at this input. */
  id?: string;
  value?: string;
  onChange?: (code: string) => void;
  /** The name of the outlet already chosen, shown before any search. */
  currentName?: string | null;
}

/** An outlet of the network, searched on the server by name or code as the user types. */
export function OutletSelect({ id, value, onChange, currentName }: Props) {
  const { t } = useLanguage();
  const [q, setQ] = useState('');
  const { data, isFetching } = useOutlets({ q: q.trim() || undefined, limit: 20, offset: 0 });
  const options = (data?.items ?? []).map((o) => ({
    value: o.code,
    label: `${o.name}（${o.code}）`,
  }));
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: currentName ? `${currentName}（${value}）` : value });
  }
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={onChange}
      options={options}
      loading={isFetching}
      placeholder={t('users.outletSearch')}
      showSearch={{ filterOption: false, onSearch: setQ }}
    />
  );
}
