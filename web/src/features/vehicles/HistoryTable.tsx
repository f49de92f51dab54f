import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import type { HistoryItem } from '#shared/schemas/vehicles.ts';
import { formatPlate } from '#shared/validators/index.ts';
import { useLanguage } from '../../i18n/index.ts';
import { formatInstant } from '../../lib/dates.ts';
import { documentTitleKey } from '../applications/documentTitle.ts';
import { StatusTag } from '../applications/StatusTag.tsx';
import type { ApplicationStatus } from '../applications/api.ts';

/**
 * A vehicle's file in time order: every application about it, every document issued for it (and
 * its voiding), every change of its registry record and every station's inspection report, each
 * with where it leads (the application's page).
 */
export function HistoryTable({ items, loading }: { items: HistoryItem[]; loading: boolean }) {
  const { t, i18n, businessTypeName } = useLanguage();
  const known = (key: string, fallback: string) => (i18n.exists(key) ? t(key) : fallback);
  const what = (item: HistoryItem) => {
    if (item.kind === 'application') return businessTypeName(item.event);
    if (item.kind === 'document')
      return known(documentTitleKey(item.event, item.number), item.event);
    return known(`vehicleFile.events.${item.event}`, item.event);
  };
  const status = (name: string | null) => (name ? known(`vehicle.statuses.${name}`, name) : '');
  const detail = (item: HistoryItem) => {
    if (item.kind === 'application') {
      return <StatusTag status={item.status as ApplicationStatus} />;
    }
    if (item.kind === 'document') {
      // A document's issue (valid) and its voiding (void, with why) are entries of their own.
      const reason = item.details?.reason;
      return (
        <>
          {item.number}{' '}
          <Tag color={item.status === 'void' ? 'default' : 'success'}>
            {known(`vehicleFile.documentEntries.${item.status}`, item.status ?? '')}
          </Tag>
          {typeof reason === 'string' ? reason : null}
        </>
      );
    }
    if (item.kind === 'inspection') {
      return (
        <>
          {item.number}{' '}
          <Tag color={item.status === 'pass' ? 'success' : 'error'}>
            {known(`vehicleFile.inspectionResults.${item.status}`, item.status ?? '')}
          </Tag>
        </>
      );
    }
    const change =
      item.statusFrom !== item.statusTo && item.statusTo
        ? `${status(item.statusFrom)} → ${status(item.statusTo)}`
        : '';
    return [item.plate ? formatPlate(item.plate) : '', change].filter(Boolean).join(' · ');
  };
  return (
    <Table<HistoryItem & { key: number }>
      size="small"
      data-testid="vehicle-history"
      loading={loading}
      pagination={false}
      rowKey="key"
      dataSource={items.map((item, key) => ({ ...item, key }))}
      onRow={(item) => ({ 'data-kind': item.kind }) as object}
      columns={[
        { title: t('vehicleFile.at'), dataIndex: 'at', width: 150, render: formatInstant },
        {
          title: t('vehicleFile.kind'),
          dataIndex: 'kind',
          width: 90,
          render: (kind: HistoryItem['kind']) => t(`vehicleFile.kinds.${kind}`),
        },
        { title: t('vehicleFile.item'), key: 'what', render: (_, item) => what(item) },
        { title: t('vehicleFile.detail'), key: 'detail', render: (_, item) => detail(item) },
        { title: t('vehicleFile.by'), dataIndex: 'by' },
        {
          title: t('common.actions'),
          key: 'open',
          width: 110,
          render: (_, item) =>
            item.kind === 'application' && item.applicationId ? (
              <Link
                to={`/applications/${item.applicationId}`}
                aria-label={t('common.labelled', {
                  label: t('vehicleFile.openApplication'),
                  value: `${what(item)} ${formatInstant(item.at)}`,
                })}
              >
                {t('vehicleFile.openApplication')}
              </Link>
            ) : null,
        },
      ]}
    />
  );
}
