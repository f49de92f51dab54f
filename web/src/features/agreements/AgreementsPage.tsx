import { Card, Space, Statistic, Typography } from 'antd';
import { useLanguage } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { AgreementTable } from '../network/AgreementTable.tsx';
import { useAgreements, type AgreementKind } from '../network/api.ts';

const KINDS: AgreementKind[] = ['enterprise', 'bank', 'insurance', 'post', 'hospital'];

/** The "4" cooperation agreements: counts per kind and the list with their outlets. */
export default function AgreementsPage() {
  const { t } = useLanguage();
  const { data, isLoading } = useAgreements();
  usePageTitle(t('agreements.title'));
  const items = data?.items ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('agreements.title')}</Typography.Title>
      <Space wrap size="middle">
        {KINDS.map((kind) => (
          <Card key={kind} size="small" className="stat-card">
            <Statistic
              title={t(`agreementKind.${kind}`)}
              value={items.filter((a) => a.kind === kind).length}
            />
          </Card>
        ))}
      </Space>
      <Card size="small" loading={isLoading}>
        <AgreementTable
          agreements={items}
          label={t('agreements.title')}
          extraColumns={[
            {
              title: t('agreements.outletCount'),
              key: 'outlets',
              render: (a) => a.outletCodes.length,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
