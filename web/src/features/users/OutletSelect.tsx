import { Select } from 'antd';
import type { UIEvent } from 'react';
import { useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { useOutletPages } from '../network/api.ts';

interface Props {
  /** Given by Form.Item, so that the field's label points at this input. */
  id?: string;
  value?: string;
  onChange?: (code: string) => void;
  /** The name of the outlet already chosen, shown before any search. */
  currentName?: string | null;
}

const PAGE_SIZE = 20;

/**
 * An outlet of the network, searched on the server by name or code as the user types; the next
 * page of outlets loads when the list is scrolled (by mouse or arrow keys) to its end.
 */
export function OutletSelect({ id, value, onChange, currentName }: Props) {
  const { t } = useLanguage();
  const [q, setQ] = useState('');
  const outlets = useOutletPages({ q: q.trim() || undefined, limit: PAGE_SIZE });
  const options = (outlets.data?.pages.flatMap((p) => p.items) ?? []).map((o) => ({
    value: o.code,
    label: t('common.withNote', { text: o.name, note: o.code }),
  }));
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({
      value,
      label: currentName ? t('common.withNote', { text: currentName, note: value }) : value,
    });
  }
  const onPopupScroll = (e: UIEvent<HTMLDivElement>) => {
    const list = e.currentTarget;
    const atEnd = list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
    if (atEnd && outlets.hasNextPage && !outlets.isFetchingNextPage) {
      void outlets.fetchNextPage();
    }
  };
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={onChange}
      options={options}
      loading={outlets.isFetching}
      placeholder={t('users.outletSearch')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onPopupScroll={onPopupScroll}
    />
  );
}
