import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { formatPlate, idNumberSchema } from '#shared/validators/index.ts';
import { useLanguage } from '../../i18n/index.ts';
import { ApiError } from '../../lib/api.ts';
import { formatInstant } from '../../lib/dates.ts';
import { useChartLibraryAhead } from '../../lib/EChart.tsx';
import { useErrorMessage } from '../../lib/errors.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { StatusTag } from '../applications/StatusTag.tsx';
import { useDriverFile, type DriverFile } from './api.ts';
import { LicenceCard } from './LicenceCard.tsx';
import { PointsChart } from './PointsChart.tsx';

type Row<K extends keyof DriverFile> = DriverFile[K] extends (infer R)[] ? R : never;

/** The driver file (驾驶人档案): search by identity number, then everything on record. */
export default function DriverFilePage() {
  const { t, businessTypeName } = useLanguage();
  usePageTitle(t('driver.file.title'));
  const { idNumber } = useParams();
  const navigate = useNavigate();
  const describe = useErrorMessage();
  const [form] = Form.useForm<{ idNumber: string }>();
  const file = useDriverFile(idNumber ?? null);
  useChartLibraryAhead();
  const open = ({ idNumber: raw }: { idNumber: string }) => {
    const parsed = idNumberSchema.safeParse(raw ?? '');
    if (!parsed.success) {
      form.setFields([{ name: 'idNumber', errors: [parsed.error.issues[0]?.message ?? ''] }]);
      return;
    }
    navigate(`/drivers/${parsed.data}`);
  };
  const notFound = file.error instanceof ApiError && file.error.status === 404;
  const data = file.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('driver.file.title')}</Typography.Title>
      <Card size="small">
        <Form form={form} layout="inline" onFinish={open} initialValues={{ idNumber }}>
          <Form.Item name="idNumber" label={t('driver.file.search')}>
            <Input
              maxLength={18}
              autoComplete="off"
              style={{ width: 240 }}
              data-testid="file-idNumber"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SearchOutlined aria-hidden />}
            data-testid="open-file"
          >
            {t('driver.file.open')}
          </Button>
        </Form>
      </Card>
      {file.error && (
        <Alert
          type="warning"
          showIcon
          title={notFound ? t('driver.file.notFound') : describe(file.error)}
        />
      )}
      {data && (
        <>
          {data.licence && <LicenceCard licence={data.licence} />}
          {data.licence && (
            <Card size="small" title={t('driver.file.chart')}>
              <PointsChart file={data} />
            </Card>
          )}
          <Card size="small" title={t('driver.file.violations')}>
            <Table<Row<'violations'>>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={data.violations}
              data-testid="file-violations"
              columns={[
                { title: t('driver.violationId'), dataIndex: 'id' },
                {
                  title: t('workstation.plate'),
                  dataIndex: 'plate',
                  render: (plate: string) => formatPlate(plate),
                },
                {
                  title: t('driver.file.code'),
                  render: (_, v) => `${v.code} ${v.description ?? ''}`,
                },
                {
                  title: t('driver.file.occurredAt'),
                  render: (_, v) => formatInstant(v.occurredAt),
                },
                { title: t('driver.result.points'), dataIndex: 'points' },
                { title: t('driver.result.fine'), dataIndex: 'fine' },
                {
                  title: t('driver.file.status'),
                  render: (_, v) => <Tag>{t(`driver.file.violationStatuses.${v.status}`)}</Tag>,
                },
              ]}
            />
          </Card>
          {data.fullScores.length > 0 && (
            <Card size="small" title={t('driver.file.fullScores')}>
              <Table<Row<'fullScores'>>
                size="small"
                rowKey="reachedOn"
                pagination={false}
                dataSource={data.fullScores}
                columns={[
                  { title: t('driver.file.reachedOn'), dataIndex: 'reachedOn' },
                  { title: t('driver.licence.points'), dataIndex: 'points' },
                  {
                    title: t('driver.result.fullScore'),
                    render: (_, f) =>
                      t('driver.result.fullScoreText', {
                        days: f.studyDays,
                        subjects: f.subjects
                          .map((s) => t(`driver.subjects.${s}`))
                          .join(t('common.listSeparator')),
                      }),
                  },
                ]}
              />
            </Card>
          )}
          <Card size="small" title={t('driver.file.exams')}>
            <Table<Row<'exams'>>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={data.exams}
              columns={[
                { title: t('driver.file.startedAt'), render: (_, e) => formatInstant(e.startedAt) },
                { title: t('driver.subject'), render: (_, e) => t(`driver.subjects.${e.subject}`) },
                { title: t('driver.class'), dataIndex: 'class' },
                { title: t('driver.file.score'), dataIndex: 'score' },
                {
                  title: t('driver.file.status'),
                  render: (_, e) =>
                    e.absent
                      ? t('driver.file.absent')
                      : e.passed
                        ? t('driver.file.passed')
                        : t('driver.file.failed'),
                },
                { title: t('driver.examSite'), dataIndex: 'examSiteCode' },
              ]}
            />
          </Card>
          <Card size="small" title={t('driver.file.medicals')}>
            <Table<Row<'medicals'>>
              size="small"
              rowKey="certificateNo"
              pagination={false}
              dataSource={data.medicals}
              columns={[
                { title: t('driver.medicalCertificateNo'), dataIndex: 'certificateNo' },
                { title: t('driver.file.examinedOn'), dataIndex: 'examinedOn' },
                {
                  title: t('driver.file.conclusion'),
                  render: (_, m) => t(`driver.file.conclusions.${m.conclusion}`),
                },
                { title: t('driver.licence.validUntil'), dataIndex: 'validUntil' },
                { title: t('application.outlet'), dataIndex: 'outletName' },
              ]}
            />
          </Card>
          <Card size="small" title={t('driver.file.applications')}>
            <Table<Row<'applications'>>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={data.applications}
              columns={[
                {
                  title: t('application.submittedAt'),
                  render: (_, a) => formatInstant(a.submittedAt),
                },
                {
                  title: t('application.businessType'),
                  render: (_, a) => (
                    <Link to={`/applications/${a.id}`}>{businessTypeName(a.businessType)}</Link>
                  ),
                },
                {
                  title: t('application.status'),
                  render: (_, a) => <StatusTag status={a.status} />,
                },
                { title: t('application.outlet'), dataIndex: 'outletName' },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
