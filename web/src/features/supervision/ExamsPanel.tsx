import { Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { useExamOversight, type ExamOversight } from './api.ts';
import { defaultPeriod, PeriodForm } from './PeriodForm.tsx';

type Association = ExamOversight['associations'][number];
type Assignment = ExamOversight['assignment'][number];

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * Exam oversight: what links candidates (one phone, an examiner's face-match overrides, a
 * driving school and the examiners its candidates sat before), and whether each site assigns
 * its examiners at random (chi-square of examiner × school).
 */
export function ExamsPanel() {
  const { t } = useLanguage();
  const [period, setPeriod] = useState(defaultPeriod);
  const oversight = useExamOversight(period);
  const o = oversight.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('supervision.period')}>
        <PeriodForm value={period} onChange={setPeriod} idPrefix="exams-period" />
        {o && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('supervision.exams.read', o)}
          </Typography.Paragraph>
        )}
      </Card>
      <Card size="small" title={t('supervision.exams.associations')} loading={oversight.isLoading}>
        <ScrollRegion label={t('supervision.exams.associations')}>
          <Table<Association>
            data-testid="associations"
            size="small"
            rowKey={(a) => `${a.kind}|${a.key}`}
            dataSource={o?.associations ?? []}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            style={{ minWidth: 900 }}
            expandable={{
              expandedRowRender: (a) => a.candidates.join(t('common.listSeparator')),
              rowExpandable: (a) => a.candidates.length > 0,
            }}
            columns={[
              {
                title: t('supervision.exams.kind'),
                dataIndex: 'kind',
                render: (k: Association['kind']) => <Tag>{t(`supervision.exams.kinds.${k}`)}</Tag>,
              },
              { title: t('supervision.exams.key'), dataIndex: 'key' },
              {
                title: t('supervision.exams.candidates'),
                align: 'right',
                render: (_, a) => a.candidates.length,
              },
              {
                title: t('supervision.exams.examiners'),
                render: (_, a) =>
                  a.examiners
                    .slice(0, 5)
                    .map((e) => t('common.withNote', { text: e.id, note: e.exams }))
                    .join(t('common.listSeparator')),
              },
              {
                title: t('supervision.exams.sites'),
                render: (_, a) => a.sites.join(t('common.listSeparator')),
              },
              { title: t('supervision.exams.exams'), dataIndex: 'exams', align: 'right' },
              { title: t('supervision.exams.passed'), dataIndex: 'passed', align: 'right' },
              {
                title: t('supervision.exams.topShare'),
                dataIndex: 'topExaminerShare',
                align: 'right',
                render: percent,
              },
            ]}
          />
        </ScrollRegion>
      </Card>
      <Card size="small" title={t('supervision.exams.assignment')} loading={oversight.isLoading}>
        <Typography.Paragraph type="secondary">
          {t('supervision.exams.assignmentHint')}
        </Typography.Paragraph>
        <ScrollRegion label={t('supervision.exams.assignment')}>
          <Table<Assignment>
            data-testid="assignment"
            size="small"
            rowKey={(a) => `${a.examSiteCode}|${a.subject}`}
            dataSource={o?.assignment ?? []}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            style={{ minWidth: 900 }}
            columns={[
              {
                title: t('supervision.exams.site'),
                render: (_, a) => a.siteName ?? a.examSiteCode,
              },
              { title: t('supervision.exams.subject'), dataIndex: 'subject', align: 'right' },
              {
                title: t('supervision.exams.table'),
                render: (_, a) => t('supervision.exams.tableSize', a),
              },
              {
                title: 'X²',
                dataIndex: 'statistic',
                align: 'right',
                render: (x: number) => x.toFixed(2),
              },
              { title: t('supervision.exams.df'), dataIndex: 'df', align: 'right' },
              {
                title: 'p',
                dataIndex: 'p',
                align: 'right',
                render: (p: number) => p.toPrecision(3),
              },
              {
                title: t('supervision.qValue'),
                dataIndex: 'q',
                align: 'right',
                render: (q: number) => q.toPrecision(3),
              },
              {
                title: "Cramér's V",
                dataIndex: 'cramersV',
                align: 'right',
                render: (v: number) => v.toFixed(2),
              },
              {
                title: t('supervision.status'),
                dataIndex: 'flagged',
                render: (f: boolean, a) => (
                  <>
                    {f ? (
                      <Tag color="red">{t('supervision.exams.notRandom')}</Tag>
                    ) : (
                      t('supervision.inLimits')
                    )}
                    {a.sparseShare > 0.2 && <Tag>{t('supervision.exams.sparse')}</Tag>}
                  </>
                ),
              },
              {
                title: t('supervision.exams.excess'),
                render: (_, a) =>
                  a.excess
                    .map((c) =>
                      t('supervision.exams.cell', { ...c, expected: c.expected.toFixed(1) }),
                    )
                    .join(t('common.reasonSeparator')),
              },
            ]}
          />
        </ScrollRegion>
      </Card>
    </Space>
  );
}
