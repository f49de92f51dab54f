import { App, Button, Table, Tag } from 'antd';
import { CATALOG, type BusinessTypeCode } from '#shared/catalog.ts';
import type { OutletCategory } from '#shared/catalog.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useErrorToast } from '../../lib/errors.ts';
import { KeyboardPopconfirm } from '../../lib/KeyboardPopconfirm.tsx';
import { useDelegationMatrix, useOutletGrant, type Override, type Validity } from './api.ts';
import { validityText } from './validity.ts';

interface Row {
  businessType: BusinessTypeCode;
  allowed: boolean;
  source: 'category' | 'allow' | 'deny' | null;
  validity: Validity | null;
}

interface Props {
  outletCode: string;
  category: OutletCategory;
  overrides: Override[];
  editable: boolean;
}

/** What this outlet may accept: its category's grants, changed by its own overrides. */
export function OutletGrants({ outletCode, category, overrides, editable }: Props) {
  const { t, businessTypeName } = useLanguage();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const matrix = useDelegationMatrix();
  const change = useOutletGrant();

  const rows: Row[] = CATALOG.map(({ code }) => {
    const override = overrides.find((o) => o.businessType === code);
    const grant = matrix.data?.categoryGrants.find(
      (g) => g.category === category && g.businessType === code,
    );
    if (override) {
      return {
        businessType: code,
        allowed: override.effect === 'allow',
        source: override.effect,
        validity: override,
      };
    }
    return {
      businessType: code,
      allowed: !!grant,
      source: grant ? 'category' : null,
      validity: grant ?? null,
    };
  });

  const apply = async (row: Row) => {
    try {
      await change.mutateAsync({ outletCode, businessType: row.businessType, allow: !row.allowed });
      void message.success(row.allowed ? t('delegation.withdrawn') : t('delegation.granted'));
    } catch (e) {
      toastError(e);
    }
  };

  const sourceLabel = {
    category: t('delegation.inherited'),
    allow: t('delegation.effectAllow'),
    deny: t('delegation.effectDeny'),
  };

  return (
    <Table<Row>
      size="small"
      rowKey="businessType"
      pagination={false}
      loading={matrix.isLoading}
      dataSource={rows}
      columns={[
        {
          title: t('delegation.businessType'),
          dataIndex: 'businessType',
          render: businessTypeName,
        },
        {
          title: t('application.status'),
          dataIndex: 'allowed',
          render: (allowed: boolean, row) =>
            row.source === null ? (
              t('common.none')
            ) : (
              <Tag color={allowed ? 'success' : 'default'}>{sourceLabel[row.source]}</Tag>
            ),
        },
        {
          title: t('agreements.term'),
          dataIndex: 'validity',
          render: (v: Validity | null) => (v ? validityText(v, t) : ''),
        },
        ...(editable
          ? [
              {
                title: t('common.actions'),
                key: 'action',
                render: (_: unknown, row: Row) => {
                  const type = businessTypeName(row.businessType);
                  return (
                    <KeyboardPopconfirm
                      title={
                        row.allowed
                          ? t('delegation.confirmOutletWithdraw', { type })
                          : t('delegation.confirmOutletGrant', { type })
                      }
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => apply(row)}
                    >
                      <Button size="small" type="link" danger={row.allowed}>
                        {row.allowed ? t('delegation.withdraw') : t('delegation.grant')}
                      </Button>
                    </KeyboardPopconfirm>
                  );
                },
              },
            ]
          : []),
      ]}
    />
  );
}
