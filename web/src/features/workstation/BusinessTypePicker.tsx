import { Empty, Tag } from 'antd';
import { useId } from 'react';
import { businessTypeInfo } from '#shared/catalog.ts';
import { useLanguage } from '../../i18n/index.ts';
import type { OfferedBusinessType } from './api.ts';

interface Props {
  items: OfferedBusinessType[];
  value: string | null;
  onChange: (code: string) => void;
}

/**
 * The business types as cards that are native radio buttons: Tab reaches the group, the arrow
 * keys move between the types and Space chooses one. Those the outlet may not accept today are
 * disabled and say why.
 */
export function BusinessTypePicker({ items, value, onChange }: Props) {
  const { t } = useLanguage();
  // What can be chosen first; sort is stable, so each part keeps the catalog's order.
  const ordered = [...items].sort((a, b) => Number(b.available) - Number(a.available));
  return (
    <>
      {!items.some((i) => i.available) && (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('workstation.noBusiness')}
          data-testid="no-business"
        />
      )}
      <div role="radiogroup" aria-label={t('workstation.chooseType')} className="type-options">
        {ordered.map((item) => (
          <TypeOption
            key={item.code}
            item={item}
            checked={item.code === value}
            onChoose={() => onChange(item.code)}
          />
        ))}
      </div>
    </>
  );
}

function TypeOption({
  item,
  checked,
  onChoose,
}: {
  item: OfferedBusinessType;
  checked: boolean;
  onChoose: () => void;
}) {
  const { t, language, businessTypeName, legalBasis } = useLanguage();
  const id = useId();
  const info = businessTypeInfo(item.code);
  const reason = item.reason && (language === 'en' ? item.reason.messageEn : item.reason.message);
  return (
    <label className={item.available ? 'type-option' : 'type-option type-option-disabled'}>
      <input
        type="radio"
        name="business-type"
        value={item.code}
        checked={checked}
        disabled={!item.available}
        onChange={onChoose}
        aria-labelledby={`${id}name`}
        aria-describedby={`${id}meta`}
        data-testid={`type-${item.code}`}
      />
      <span className="type-option-body">
        <strong id={`${id}name`}>{businessTypeName(item.code)}</strong>
        <span id={`${id}meta`} className="type-option-meta">
          {item.available && info ? (
            <>
              <span>
                <Tag color="blue">
                  {info.slaWorkingDays > 0
                    ? t('workstation.sla', { count: info.slaWorkingDays })
                    : t('workstation.slaImmediate')}
                </Tag>
                <Tag>
                  {item.agentAllowed
                    ? t('workstation.agentAllowed')
                    : t('workstation.agentNotAllowed')}
                </Tag>
              </span>
              <span className="type-option-note">
                {t('workstation.legalBasis', { basis: legalBasis(info.legalBasis) })}
              </span>
            </>
          ) : (
            <span className="type-option-note">{reason}</span>
          )}
        </span>
      </span>
    </label>
  );
}
