import { Alert, Button, Card, Descriptions, List, Space, Spin, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatPlate } from '#shared/validators/index.ts';
import { useLanguage } from '../../i18n/index.ts';
import { formatInstant } from '../../lib/dates.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useCounties } from '../network/useNames.ts';
import { useFinding, type Finding } from './api.ts';
import { KIND_COLOR } from './colours.ts';
import { OpenCaseModal } from './OpenCaseModal.tsx';

const FindingGraph = lazy(() => import('./FindingGraph.tsx'));

const MEMBER_KINDS = ['people', 'plates', 'staff', 'phones', 'devices'] as const;
type Link_ = Finding['links'][number];

/** Every member of a finding in one table: the text alternative of its graph. */
function MembersTable({ finding }: { finding: Finding }) {
  const { t } = useLanguage();
  const rows = MEMBER_KINDS.flatMap((kind) => finding[kind].map((id) => ({ kind, id })));
  return (
    <Table
      data-testid="finding-members"
      size="small"
      rowKey={(r) => `${r.kind}:${r.id}`}
      dataSource={rows}
      pagination={{ pageSize: 15, hideOnSinglePage: true }}
      columns={[
        {
          title: t('antifraud.kind'),
          dataIndex: 'kind',
          render: (k: string) => t(`antifraud.${k}`),
        },
        {
          title: t('antifraud.members'),
          render: (_, r) => (r.kind === 'plates' ? formatPlate(r.id) : r.id),
        },
      ]}
    />
  );
}

/** The graph's links as a table, for readers who cannot see the chart. */
function LinksTable({ links }: { links: Link_[] }) {
  const { t } = useLanguage();
  const node = (n: Link_['from']) =>
    `${t(`antifraud.nodeKinds.${n.kind}`)} ${n.kind === 'vehicle' ? formatPlate(n.id) : n.id}`;
  return (
    <Table<Link_>
      data-testid="finding-links"
      size="small"
      rowKey={(l) => `${l.from.kind}:${l.from.id}>${l.relation}>${l.to.kind}:${l.to.id}`}
      dataSource={links}
      pagination={{ pageSize: 15, hideOnSinglePage: true }}
      columns={[
        { title: t('antifraud.from'), render: (_, l) => node(l.from) },
        {
          title: t('antifraud.relation'),
          dataIndex: 'relation',
          render: (r: string) => t(`antifraud.relations.${r}`, { defaultValue: r }),
        },
        { title: t('antifraud.to'), render: (_, l) => node(l.to) },
        { title: t('antifraud.count'), dataIndex: 'count' },
      ]}
    />
  );
}

/** One finding: what it is, its evidence in words, its graph with its text alternative, and 立案. */
export default function FindingPage() {
  const { id = '' } = useParams();
  const { t, language } = useLanguage();
  const { countyName } = useCounties();
  const finding = useFinding(id);
  const [opening, setOpening] = useState(false);
  const f = finding.data;
  usePageTitle(
    f ? `${t('antifraud.finding')} · ${t(`antifraud.kinds.${f.kind}`)}` : t('antifraud.finding'),
  );
  if (finding.isLoading) return <Spin size="large" className="page-spin" />;
  if (!f) return <Typography.Text type="danger">{t('errors.NOT_FOUND')}</Typography.Text>;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/antifraud">{t('antifraud.back')}</Link>
      <Typography.Title level={3}>
        {t('antifraud.finding')} · {t(`antifraud.kinds.${f.kind}`)}
      </Typography.Title>
      {f.supersededBy && (
        <Alert
          type="info"
          showIcon
          data-testid="finding-superseded"
          title={t('antifraud.superseded')}
          description={
            <Link to={`/antifraud/findings/${f.supersededBy}`}>{t('antifraud.viewLatest')}</Link>
          }
        />
      )}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="finding-facts">
          <Descriptions.Item label={t('antifraud.kind')}>
            <Tag color={KIND_COLOR[f.kind]}>{t(`antifraud.kinds.${f.kind}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('antifraud.score')}>{f.score.toFixed(2)}</Descriptions.Item>
          <Descriptions.Item label={t('antifraud.county')}>
            {countyName(f.countyCode)}
          </Descriptions.Item>
          <Descriptions.Item
            label={t('antifraud.period')}
          >{`${f.period.from} – ${f.period.to}`}</Descriptions.Item>
          <Descriptions.Item label={t('antifraud.foundAt')}>
            {formatInstant(f.createdAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('antifraud.members')}>
            {MEMBER_KINDS.map((k) => `${t(`antifraud.${k}`)} ${f[k].length}`).join(' · ')}
          </Descriptions.Item>
        </Descriptions>
        <Space style={{ marginTop: 12 }}>
          {f.caseId ? (
            <Link to={`/antifraud/cases/${f.caseId}`} data-testid="finding-case">
              {t('antifraud.viewCase')}
            </Link>
          ) : (
            <Button type="primary" onClick={() => setOpening(true)} data-testid="open-case-button">
              {t('antifraud.openCase')}
            </Button>
          )}
        </Space>
      </Card>
      <Card size="small" title={t('antifraud.evidence')}>
        <List
          data-testid="finding-evidence"
          size="small"
          dataSource={f.evidence}
          renderItem={(e) => <List.Item>{language === 'en' ? e.textEn : e.text}</List.Item>}
        />
      </Card>
      <Card size="small" title={t('antifraud.graph')}>
        <Suspense fallback={<Spin />}>
          <FindingGraph finding={f} />
        </Suspense>
      </Card>
      <Card size="small" title={t('antifraud.members')}>
        <MembersTable finding={f} />
      </Card>
      <Card size="small" title={t('antifraud.links')}>
        <LinksTable links={f.links} />
      </Card>
      <OpenCaseModal finding={f} open={opening} onClose={() => setOpening(false)} />
    </Space>
  );
}
