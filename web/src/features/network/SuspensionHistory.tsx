import { Table } from 'antd';
import { useLanguage } from '../../i18n/index.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { formatInstant } from '../../lib/dates.ts';
import type { Suspension } from '../delegation/api.ts';

export function SuspensionHistory({ suspensions }: { suspensions: Suspension[] }) {
  const { t } = useLanguage();
  return (
    <ScrollRegion label={t('network.suspensions')}>
      <Table<Suspension>
        size="small"
        rowKey="suspendedAt"
        pagination={false}
        dataSource={suspensions}
        columns={[
          { title: t('network.reason'), dataIndex: 'reason' },
          { title: t('network.suspendedAt'), dataIndex: 'suspendedAt', render: formatInstant },
          { title: t('network.suspendedBy'), dataIndex: 'suspendedBy' },
          { title: t('network.restoredAt'), dataIndex: 'restoredAt', render: formatInstant },
          { title: t('network.restoreNote'), dataIndex: 'restoreNote' },
        ]}
      />
    </ScrollRegion>
  );
}
