import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { todayInBeijing } from '../../lib/dates.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { hasRole } from '../auth/api.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import {
  usePolicies,
  versionStates,
  type PolicyScope,
  type PolicyVersion,
  type VersionState,
} from './api.ts';
import { PolicyVersionForm } from './PolicyVersionForm.tsx';
import { usePolicyName } from './usePolicyName.ts';

const STATE_COLORS: Record<VersionState, string> = {
  inForce: 'success',
  future: 'blue',
  past: 'default',
};

/** Only palettes whose tag text has 4.5:1 contrast (see app/theme.ts). */
const SCOPE_COLORS: Record<PolicyScope, string> = { national: 'geekblue', local: 'purple' };

/** Policy values with effective dates: one table of versions per key, today's highlighted. */
export default function PoliciesPage() {
  const { t, legalBasis } = useLanguage();
  const { user } = useAuth();
  const { data } = usePolicies();
  usePageTitle(t('policies.title'));
  const policyName = usePolicyName();
  // Versions that came with the platform were entered by no one: the server says 'system'.
  const enteredBy = (username: string) =>
    username === 'system' ? t('policies.enteredBySystem') : username;
  const [adding, setAdding] = useState(false);
  const editable = hasRole(user, 'admin');
  const today = todayInBeijing();

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space className="page-title-row">
        <Typography.Title level={3}>{t('policies.title')}</Typography.Title>
        {editable && (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setAdding(true)}
            data-testid="add-policy-version"
          >
            {t('policies.add')}
          </Button>
        )}
      </Space>
      <Alert type="info" showIcon title={editable ? t('policies.hint') : t('common.readOnly')} />
      {!data && <Skeleton active />}
      {data?.keys.map((k) => {
        const versions = data.items
          .filter((v) => v.key === k.key)
          .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
        const states = versionStates(versions, today);
        return (
          <Card key={k.key} size="small" title={policyName(k)}>
            <ScrollRegion label={policyName(k)}>
              <Table<PolicyVersion>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={versions}
                rowClassName={(v) => (states.get(v.id) === 'inForce' ? 'row-in-force' : '')}
                columns={[
                  { title: t('policies.effectiveFrom'), dataIndex: 'effectiveFrom', width: 130 },
                  {
                    title: t('policies.value'),
                    dataIndex: 'value',
                    width: 90,
                    align: 'right',
                    // A JSON value: every key so far holds a number.
                    render: (value: unknown) => JSON.stringify(value),
                  },
                  {
                    title: t('policies.scope'),
                    dataIndex: 'scope',
                    width: 110,
                    render: (scope: PolicyScope) => (
                      <Tag color={SCOPE_COLORS[scope]}>{t(`policies.scopes.${scope}`)}</Tag>
                    ),
                  },
                  {
                    title: t('application.status'),
                    key: 'state',
                    width: 110,
                    render: (_: unknown, v) => {
                      const state = states.get(v.id) ?? 'past';
                      return <Tag color={STATE_COLORS[state]}>{t(`policies.${state}`)}</Tag>;
                    },
                  },
                  {
                    title: t('policies.legalBasis'),
                    dataIndex: 'legalBasis',
                    responsive: ['md'],
                    render: legalBasis,
                  },
                  { title: t('policies.note'), dataIndex: 'note' },
                  {
                    title: t('policies.createdBy'),
                    dataIndex: 'createdBy',
                    responsive: ['lg'],
                    render: enteredBy,
                  },
                ]}
              />
            </ScrollRegion>
          </Card>
        );
      })}
      {editable && data && (
        <PolicyVersionForm keys={data.keys} open={adding} onClose={() => setAdding(false)} />
      )}
    </Space>
  );
}
