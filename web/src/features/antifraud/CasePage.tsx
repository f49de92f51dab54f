import { Card, Descriptions, Empty, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useLanguage } from '../../i18n/index.ts';
import { hasRole } from '../auth/api.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { formatInstant, todayInBeijing } from '../../lib/dates.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useCounties } from '../network/useNames.ts';
import { useCase, type Case } from './api.ts';
import { CASE_STATUS_COLOR, KIND_COLOR } from './colours.ts';
import { LiftMeasureButton, MeasureForm, StatusForm, StepForm } from './CaseForms.tsx';

type Measure = Case['measures'][number];

/** The case file: its findings, status, investigation steps and measures, with their forms. */
export default function CasePage() {
  const { id = '' } = useParams();
  const { t } = useLanguage();
  const { countyName } = useCounties();
  const { user } = useAuth();
  // Measures against a person are the detachment's (the server refuses a brigade); a brigade
  // sees them without the forms it could not use.
  const takesMeasures = hasRole(user, 'supervisor') && user?.scope.level === 'city';
  const query = useCase(id);
  const c = query.data;
  usePageTitle(c ? `${t('antifraud.case')} · ${c.title}` : t('antifraud.case'));
  if (query.isLoading) return <Spin size="large" className="page-spin" />;
  if (!c) return <Typography.Text type="danger">{t('errors.NOT_FOUND')}</Typography.Text>;
  const closed = c.status === 'closed';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/antifraud?tab=cases">{t('antifraud.back')}</Link>
      <Typography.Title level={3}>{c.title}</Typography.Title>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="case-facts">
          <Descriptions.Item label={t('antifraud.status')}>
            <Tag color={CASE_STATUS_COLOR[c.status]} data-testid="case-status">
              {t(`antifraud.statuses.${c.status}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('antifraud.county')}>
            {countyName(c.countyCode)}
          </Descriptions.Item>
          <Descriptions.Item label={t('antifraud.createdAt')}>
            {formatInstant(c.createdAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('antifraud.createdBy')}>{c.createdBy}</Descriptions.Item>
          {c.outcome && (
            <Descriptions.Item label={t('antifraud.outcome')}>{c.outcome}</Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small" title={t('antifraud.tabs.findings')}>
        <Space wrap data-testid="case-findings">
          {c.findings.map((f) => (
            <Link key={f.id} to={`/antifraud/findings/${f.id}`}>
              <Tag color={KIND_COLOR[f.kind]}>{t(`antifraud.kinds.${f.kind}`)}</Tag>
              {f.evidence[0]?.text ?? f.id}
            </Link>
          ))}
        </Space>
      </Card>
      {!closed && (
        <Card size="small" title={t('antifraud.changeStatus')}>
          <StatusForm c={c} />
        </Card>
      )}
      <Card size="small" title={t('antifraud.steps')}>
        {c.steps.length ? (
          <Timeline
            data-testid="case-steps"
            items={c.steps.map((s) => ({
              children: (
                <>
                  <Typography.Text strong>
                    {t(`antifraud.stepKinds.${s.kind}`, { defaultValue: s.kind })}
                  </Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {formatInstant(s.at)} · {s.by}
                  </Typography.Text>
                  <div>{s.note}</div>
                </>
              ),
            }))}
          />
        ) : (
          <Empty description={t('antifraud.noSteps')} />
        )}
        {!closed && <StepForm id={c.id} />}
      </Card>
      <Card size="small" title={t('antifraud.measures')}>
        <Table<Measure>
          data-testid="case-measures"
          size="small"
          rowKey="applicationId"
          dataSource={c.measures}
          pagination={false}
          locale={{ emptyText: <Empty description={t('antifraud.noMeasures')} /> }}
          columns={[
            {
              title: t('antifraud.measureKind'),
              dataIndex: 'kind',
              render: (k: Measure['kind']) => t(`antifraud.measureKinds.${k}`),
            },
            { title: t('antifraud.idNumber'), dataIndex: 'idNumber' },
            {
              title: t('antifraud.application'),
              dataIndex: 'applicationId',
              render: (a: string) => <Link to={`/applications/${a}`}>{a.slice(0, 8)}</Link>,
            },
            { title: t('antifraud.measureStatus'), dataIndex: 'status' },
            { title: t('antifraud.at'), dataIndex: 'at', render: formatInstant },
            { title: t('antifraud.until'), dataIndex: 'until' },
            {
              title: t('antifraud.liftedAt'),
              render: (_, m) =>
                m.liftedAt ? (
                  formatInstant(m.liftedAt)
                ) : takesMeasures &&
                  m.status === 'completed' &&
                  !closed &&
                  // A hold stands until lifted; a review flag until its last day.
                  (m.kind === 'substitute-hold' || (m.until && m.until >= todayInBeijing())) ? (
                  <LiftMeasureButton id={c.id} applicationId={m.applicationId} />
                ) : null,
            },
          ]}
        />
        {!closed && takesMeasures && (
          <MeasureForm id={c.id} people={[...new Set(c.findings.flatMap((f) => f.people))]} />
        )}
      </Card>
    </Space>
  );
}
