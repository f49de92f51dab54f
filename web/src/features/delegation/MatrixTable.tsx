import { CheckOutlined } from '@ant-design/icons';
import { App, Checkbox, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  CATALOG,
  OUTLET_CATEGORIES,
  type BusinessTypeCode,
  type OutletCategory,
} from '#shared/catalog.ts';
import { useLanguage } from '../../i18n/index.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { useErrorToast } from '../../lib/errors.ts';
import { useCategoryGrant, type CategoryGrant } from './api.ts';
import { validityText } from './validity.ts';

interface Row {
  code: BusinessTypeCode;
}

/**
 * Business types × outlet categories; an administrator toggles a cell after confirming. Others
 * see marks, not disabled checkboxes: a granted cell must not look like an input, nor like a
 * cell that is not granted.
 */
export function MatrixTable({ grants, editable }: { grants: CategoryGrant[]; editable: boolean }) {
  const { t, businessTypeName } = useLanguage();
  const { modal, message } = App.useApp();
  const toastError = useErrorToast();
  const change = useCategoryGrant();

  const toggle = (category: OutletCategory, businessType: BusinessTypeCode, allow: boolean) => {
    const names = { category: t(`category.${category}`), type: businessTypeName(businessType) };
    modal.confirm({
      title: allow ? t('delegation.confirmGrant', names) : t('delegation.confirmWithdraw', names),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: !allow },
      onOk: async () => {
        try {
          await change.mutateAsync({ category, businessType, allow });
          void message.success(allow ? t('delegation.granted') : t('delegation.withdrawn'));
        } catch (e) {
          toastError(e);
        }
      },
    });
  };

  const cell = (category: OutletCategory) => (_: unknown, row: Row) => {
    const grant = grants.find((g) => g.category === category && g.businessType === row.code);
    const limited = grant && (grant.validFrom || grant.validUntil);
    const label = t('delegation.cellLabel', {
      category: t(`category.${category}`),
      type: businessTypeName(row.code),
    });
    const testId = `cell-${row.code}-${category}`;
    const box = editable ? (
      <Checkbox
        checked={!!grant}
        disabled={change.isPending}
        onChange={(e) => toggle(category, row.code, e.target.checked)}
        aria-label={label}
        data-testid={testId}
      />
    ) : (
      <span
        role="img"
        aria-label={t('delegation.cellState', {
          cell: label,
          state: grant ? t('delegation.granted') : t('delegation.notGranted'),
        })}
        className={grant ? 'matrix-mark matrix-mark-granted' : 'matrix-mark'}
        data-testid={testId}
      >
        {grant ? <CheckOutlined aria-hidden /> : '–'}
      </span>
    );
    return (
      <Tooltip title={grant ? validityText(grant, t) : undefined}>
        <span className="matrix-cell">
          {box}
          {limited && (
            <Typography.Text type="secondary" className="matrix-validity">
              {grant.validUntil ?? ''}
            </Typography.Text>
          )}
        </span>
      </Tooltip>
    );
  };

  const columns: ColumnsType<Row> = [
    {
      title: t('delegation.businessType'),
      dataIndex: 'code',
      fixed: 'left',
      width: 170,
      render: (code: BusinessTypeCode) => businessTypeName(code),
    },
    ...OUTLET_CATEGORIES.map((category) => ({
      title: <span className="matrix-header">{t(`category.${category}`)}</span>,
      key: category,
      width: 92,
      align: 'center' as const,
      render: cell(category),
    })),
  ];

  return (
    <ScrollRegion label={t('delegation.title')}>
      <Table<Row>
        data-testid="delegation-matrix"
        size="small"
        bordered
        rowKey="code"
        pagination={false}
        dataSource={CATALOG.map(({ code }) => ({ code }))}
        columns={columns}
      />
    </ScrollRegion>
  );
}
