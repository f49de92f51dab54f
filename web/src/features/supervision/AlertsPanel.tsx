import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { RULE_IDS } from '#shared/schemas/supervision.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useClearable } from '../../lib/clearable.tsx';
import { CursorPager, useCursorPages } from '../../lib/CursorPager.tsx';
import { formatInstant } from '../../lib/dates.ts';
import { AlertDrawer } from './AlertDrawer.tsx';
import { useAlerts, type Alert } from './api.ts';
import { SEVERITY_COLOR, STATUS_COLOR } from './colours.ts';
import { StatusFilter } from './StatusFilter.tsx';
import { subjectId } from './subject.ts';

/** The alert inbox: the supervisor's jurisdiction, newest first, filterable, by keyset pages. */
export function AlertsPanel() {
  const { t } = useLanguage();
  const clearable = useClearable();
  const [status, setStatus] = useState<Alert['status'] | undefined>('open');
  const [rule, setRule] = useState<string | undefined>();
  const pages = useCursorPages();
  const alerts = useAlerts({ status, rule, after: pages.after });
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <Card size="small" title={t('supervision.alerts')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <StatusFilter
          value={status}
          statuses={['open', 'assigned', 'closed']}
          labelOf={(s) => t(`supervision.statuses.${s}`)}
          onChange={(v) => {
            setStatus(v);
            pages.reset();
          }}
        />
        <Select
          aria-label={t('supervision.rule')}
          style={{ width: 240 }}
          allowClear={clearable}
          value={rule}
          placeholder={t('supervision.rule')}
          onChange={(v) => {
            setRule(v);
            pages.reset();
          }}
          options={RULE_IDS.map((r) => ({ value: r, label: t(`supervision.rules.${r}`) }))}
        />
      </Space>
      <Table<Alert>
        data-testid="alerts"
        size="small"
        rowKey="id"
        loading={alerts.isLoading}
        dataSource={alerts.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('supervision.rule'),
            dataIndex: 'rule',
            render: (r: string, a) => (
              <Button type="link" onClick={() => setSelected(a.id)} data-testid="open-alert">
                {t(`supervision.rules.${r}`, { defaultValue: r })}
              </Button>
            ),
          },
          {
            title: t('supervision.severity'),
            dataIndex: 'severity',
            render: (s: Alert['severity']) => (
              <Tag color={SEVERITY_COLOR[s]}>{t(`supervision.severities.${s}`)}</Tag>
            ),
          },
          {
            title: t('supervision.subject'),
            render: (_, a) => a.subject.name ?? subjectId(a.subject),
          },
          {
            title: t('supervision.level'),
            dataIndex: 'level',
            render: (l: Alert['level']) => t(`supervision.levels.${l}`),
          },
          {
            title: t('supervision.period'),
            render: (_, a) => `${a.period.from} – ${a.period.to}`,
          },
          {
            title: t('supervision.status'),
            dataIndex: 'status',
            render: (s: Alert['status']) => (
              <Tag color={STATUS_COLOR[s]}>{t(`supervision.statuses.${s}`)}</Tag>
            ),
          },
          { title: t('supervision.createdAt'), dataIndex: 'createdAt', render: formatInstant },
        ]}
      />
      <CursorPager
        pages={pages}
        nextCursor={alerts.data?.nextCursor}
        label={t('supervision.alerts')}
      />
      <AlertDrawer id={selected} onClose={() => setSelected(null)} />
    </Card>
  );
}
