import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Descriptions, Form, Select, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { BULLETIN_PERIODS } from '#shared/schemas/supervision.ts';
import { useLanguage } from '../../i18n/index.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { todayInBeijing } from '../../lib/dates.ts';
import { bulletinFile, useBulletin, XLSX, type Bulletin, type BulletinPeriod } from './api.ts';

interface Values {
  period: BulletinPeriod;
  date: Dayjs;
}

/** Saves a Blob under a file name through a temporary link. */
function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Bulletins (监管研判通报): a period containing a date, on screen, as .xlsx and printable A4. */
export function BulletinsPanel() {
  const { t } = useLanguage();
  const { message } = App.useApp();
  const yesterday = dayjs(todayInBeijing()).subtract(1, 'day');
  const [period, setPeriod] = useState<BulletinPeriod>('daily');
  const [date, setDate] = useState(yesterday.format('YYYY-MM-DD'));
  const bulletin = useBulletin(period, date);
  const b = bulletin.data;
  const path = `/bulletins/${period}/${date}`;
  const failed = () => void message.error(t('supervision.bulletins.downloadFailed'));
  const count = (
    key: 'applications' | 'completed' | 'refused' | 'extendedHours',
    title: string,
  ) => ({
    title,
    dataIndex: key,
    align: 'right' as const,
  });
  const counts = [
    count('applications', t('supervision.total')),
    count('completed', t('supervision.completed')),
    count('refused', t('supervision.refused')),
    count('extendedHours', t('supervision.extendedHours')),
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('supervision.bulletins.title')}>
        <Space wrap>
          <Form<Values>
            name="bulletin"
            layout="inline"
            initialValues={{ period, date: yesterday }}
            onValuesChange={(_, all) => {
              if (all.period) setPeriod(all.period);
              if (all.date) setDate(all.date.format('YYYY-MM-DD'));
            }}
          >
            <Form.Item name="period" label={t('supervision.bulletins.period')}>
              <Select
                style={{ width: 120 }}
                data-testid="bulletin-period"
                options={BULLETIN_PERIODS.map((p) => ({
                  value: p,
                  label: t(`supervision.bulletins.periods.${p}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="date" label={t('supervision.bulletins.date')}>
              <DatePicker allowClear={false} />
            </Form.Item>
          </Form>
          <Button
            icon={<DownloadOutlined aria-hidden />}
            data-testid="bulletin-xlsx"
            disabled={!b}
            onClick={async () => {
              try {
                save(await bulletinFile(path, XLSX), `bulletin-${period}-${b?.from ?? date}.xlsx`);
              } catch {
                failed();
              }
            }}
          >
            {t('supervision.bulletins.download')}
          </Button>
          <Button
            icon={<PrinterOutlined aria-hidden />}
            data-testid="bulletin-print"
            disabled={!b}
            onClick={async () => {
              try {
                const blob = await bulletinFile(`${path}/print`, 'text/html');
                window.open(URL.createObjectURL(blob), '_blank', 'noopener');
              } catch {
                failed();
              }
            }}
          >
            {t('supervision.bulletins.print')}
          </Button>
        </Space>
      </Card>
      <Card size="small" loading={bulletin.isLoading} data-testid="bulletin">
        {b && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, md: 5 }}
              title={`${t(`supervision.bulletins.periods.${b.period}`)} · ${t('supervision.bulletins.range', b)}`}
            >
              <Descriptions.Item label={t('supervision.total')}>
                {b.totals.applications}
              </Descriptions.Item>
              <Descriptions.Item label={t('supervision.completed')}>
                {b.totals.completed}
              </Descriptions.Item>
              <Descriptions.Item label={t('supervision.refused')}>
                {b.totals.refused}
              </Descriptions.Item>
              <Descriptions.Item label={t('supervision.extendedHours')}>
                {b.totals.extendedHours}
              </Descriptions.Item>
            </Descriptions>
            <ScrollRegion label={t('supervision.bulletins.byCategory')}>
              <Table<Bulletin['byCategory'][number]>
                title={() => t('supervision.bulletins.byCategory')}
                size="small"
                rowKey="category"
                pagination={false}
                dataSource={b.byCategory}
                columns={[
                  {
                    title: t('supervision.bulletins.category'),
                    dataIndex: 'category',
                    render: (c: string) => t(`category.${c}`, { defaultValue: c }),
                  },
                  ...counts,
                ]}
              />
            </ScrollRegion>
            <ScrollRegion label={t('supervision.bulletins.byCounty')}>
              <Table<Bulletin['byCounty'][number]>
                title={() => t('supervision.bulletins.byCounty')}
                size="small"
                rowKey="countyCode"
                pagination={false}
                dataSource={b.byCounty}
                columns={[{ title: t('supervision.county'), dataIndex: 'countyName' }, ...counts]}
              />
            </ScrollRegion>
            <Table<Bulletin['alerts'][number]>
              title={() => t('supervision.bulletins.alerts')}
              size="small"
              rowKey={(a) => `${a.rule}-${a.severity}`}
              pagination={false}
              dataSource={b.alerts}
              columns={[
                {
                  title: t('supervision.rule'),
                  dataIndex: 'rule',
                  render: (r: string) => t(`supervision.rules.${r}`, { defaultValue: r }),
                },
                {
                  title: t('supervision.severity'),
                  dataIndex: 'severity',
                  render: (s: string) => t(`supervision.severities.${s}`),
                },
                { title: t('supervision.statuses.open'), dataIndex: 'open', align: 'right' },
                {
                  title: t('supervision.statuses.assigned'),
                  dataIndex: 'assigned',
                  align: 'right',
                },
                { title: t('supervision.statuses.closed'), dataIndex: 'closed', align: 'right' },
              ]}
            />
            <Table<Bulletin['dispositions'][number]>
              title={() => t('supervision.bulletins.dispositions')}
              size="small"
              rowKey="action"
              pagination={false}
              dataSource={b.dispositions}
              columns={[
                {
                  title: t('supervision.action'),
                  dataIndex: 'action',
                  render: (a: string) => t(`supervision.actions.${a}`, { defaultValue: a }),
                },
                { title: t('supervision.bulletins.count'), dataIndex: 'count', align: 'right' },
              ]}
            />
          </Space>
        )}
      </Card>
    </Space>
  );
}
