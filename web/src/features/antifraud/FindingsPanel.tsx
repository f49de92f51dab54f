import { Card, Empty, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { FINDING_KINDS } from '#shared/schemas/antifraud.ts';
import { useLanguage } from '../../i18n/index.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { useClearable } from '../../lib/clearable.tsx';
import { formatInstant } from '../../lib/dates.ts';
import { LoadMore } from '../../lib/LoadMore.tsx';
import { useFindings, type Finding, type FindingKind } from './api.ts';
import { KIND_COLOR } from './colours.ts';

/** The findings of the jurisdiction, highest score first, filterable by kind. */
export function FindingsPanel() {
  const { t, language } = useLanguage();
  const clearable = useClearable();
  const [kind, setKind] = useState<FindingKind | undefined>();
  const findings = useFindings(kind);
  return (
    <Card size="small" title={t('antifraud.tabs.findings')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('antifraud.kind')}
          data-testid="finding-kind"
          style={{ width: 200 }}
          allowClear={clearable}
          value={kind}
          placeholder={t('antifraud.allKinds')}
          onChange={setKind}
          options={FINDING_KINDS.map((k) => ({ value: k, label: t(`antifraud.kinds.${k}`) }))}
        />
      </Space>
      {/* Scrolled sideways in a named region the keyboard reaches, even while empty (axe:
          scrollable-region-focusable, on a phone). */}
      <ScrollRegion label={t('antifraud.tabs.findings')}>
        <Table<Finding>
          data-testid="findings"
          size="small"
          rowKey="id"
          loading={findings.pages.isLoading}
          dataSource={findings.items}
          pagination={false}
          style={{ minWidth: 1000 }}
          locale={{ emptyText: <Empty description={t('antifraud.noFindings')} /> }}
          columns={[
            {
              title: t('antifraud.kind'),
              dataIndex: 'kind',
              render: (k: FindingKind) => (
                <Tag color={KIND_COLOR[k]}>{t(`antifraud.kinds.${k}`)}</Tag>
              ),
            },
            {
              title: t('antifraud.score'),
              dataIndex: 'score',
              render: (s: number) => s.toFixed(2),
            },
            { title: t('antifraud.people'), render: (_, f) => f.people.length },
            { title: t('antifraud.plates'), render: (_, f) => f.plates.length },
            { title: t('antifraud.staff'), render: (_, f) => f.staff.length },
            {
              title: `${t('antifraud.phones')} / ${t('antifraud.devices')}`,
              render: (_, f) => `${f.phones.length} / ${f.devices.length}`,
            },
            {
              title: t('antifraud.evidenceHead'),
              render: (_, f) => {
                const e = f.evidence[0];
                return e ? (language === 'en' ? e.textEn : e.text) : '';
              },
            },
            { title: t('antifraud.foundAt'), dataIndex: 'createdAt', render: formatInstant },
            {
              title: t('antifraud.open'),
              render: (_, f) => (
                <Link
                  to={`/antifraud/findings/${f.id}`}
                  aria-label={t('antifraud.openFinding', { id: f.id.slice(0, 8) })}
                  data-testid="open-finding"
                >
                  {t('antifraud.open')}
                </Link>
              ),
            },
          ]}
        />
      </ScrollRegion>
      <LoadMore pages={findings.pages} />
    </Card>
  );
}
