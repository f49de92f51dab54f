import { Button, Table, Tag } from 'antd';
import { useLanguage } from '../../i18n/index.ts';
import { useCounties } from '../network/useNames.ts';
import type { OutletOverride } from './api.ts';
import { validityText } from './validity.ts';

/** Grants given to or withdrawn from single outlets, apart from their category; a click opens the outlet. */
export function OverridesTable({
  overrides,
  onSelect,
}: {
  overrides: OutletOverride[];
  onSelect: (outletCode: string) => void;
}) {
  const { t, businessTypeName } = useLanguage();
  const { countyName } = useCounties();
  return (
    <Table<OutletOverride>
      data-testid="override-table"
      size="small"
      rowKey={(o) => `${o.outletCode}/${o.businessType}`}
      dataSource={overrides}
      pagination={overrides.length > 20 ? { pageSize: 20 } : false}
      onRow={(o) => ({ onClick: () => onSelect(o.outletCode), className: 'clickable-row' })}
      columns={[
        { title: t('network.code'), dataIndex: 'outletCode', width: 140 },
        {
          title: t('delegation.outlet'),
          dataIndex: 'outletName',
          render: (name: string, o) => (
            <Button type="link" className="cell-link" onClick={() => onSelect(o.outletCode)}>
              {name}
            </Button>
          ),
        },
        { title: t('network.county'), dataIndex: 'countyCode', render: countyName },
        {
          title: t('delegation.businessType'),
          dataIndex: 'businessType',
          render: businessTypeName,
        },
        {
          title: t('delegation.effect'),
          dataIndex: 'effect',
          render: (effect: OutletOverride['effect']) =>
            effect === 'allow' ? (
              <Tag color="success">{t('delegation.effectAllow')}</Tag>
            ) : (
              <Tag color="error">{t('delegation.effectDeny')}</Tag>
            ),
        },
        {
          title: t('agreements.term'),
          key: 'validity',
          render: (_: unknown, o) => validityText(o, t),
        },
      ]}
    />
  );
}
