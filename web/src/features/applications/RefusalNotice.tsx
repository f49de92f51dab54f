import { Table } from 'antd';
import type { ReactNode } from 'react';
import type { RefusalItem } from '#shared/schemas/applications.ts';
import { useLanguage } from '../../i18n/index.ts';
import { dateOfInstant } from '../../lib/dates.ts';
import type { ApplicationResponse, Refusal } from './api.ts';
import { PrintedDocument } from './PrintedDocument.tsx';

/**
 * The "1331" one-time refusal notice (一次性告知书): everything that stands in the way, why, on
 * what basis and how to proceed, laid out to be printed and handed over. It refuses the
 * application itself, or one step of its lifecycle (`step`: the event refused, and when).
 */
export function RefusalNotice({
  application,
  step,
  extra,
}: {
  application: ApplicationResponse;
  step?: { name: string; refusal: Refusal; at: string };
  extra?: ReactNode;
}) {
  const { t, i18n, legalBasis } = useLanguage();
  const refusal = step?.refusal ?? application.refusal;
  if (!refusal) return null;
  // The server words each item in Chinese and in English; notices stored before the English
  // fields existed have only the Chinese, which is shown then.
  const english = i18n.language.startsWith('en');
  const message = (item: RefusalItem) => (english && item.messageEn) || item.message;
  const remedy = (item: RefusalItem) => (english && item.remedyEn) || item.remedy;

  return (
    <PrintedDocument
      application={application}
      title={t('notice.title')}
      number={refusal.noticeNumber}
      dateLabel={t('notice.date')}
      date={dateOfInstant(step?.at ?? application.submittedAt)}
      rows={step ? [{ label: t('notice.step'), value: step.name }] : []}
      verifyToken={refusal.verifyToken}
      footer={t('notice.footer')}
      extra={extra}
      testId="refusal-notice"
    >
      <p className="notice-intro">{t('notice.intro')}</p>
      <Table<RefusalItem & { index: number }>
        className="notice-items"
        data-testid="refusal-items"
        size="small"
        bordered
        pagination={false}
        rowKey="index"
        dataSource={refusal.items.map((item, i) => ({ ...item, index: i + 1 }))}
        columns={[
          { title: t('notice.index'), dataIndex: 'index', width: 56, align: 'center' },
          { title: t('notice.item'), key: 'message', render: (_, item) => message(item) },
          {
            title: t('notice.basis'),
            dataIndex: 'legalBasis',
            width: '24%',
            render: (basis: string) => legalBasis(basis),
          },
          {
            title: t('notice.remedy'),
            key: 'remedy',
            width: '32%',
            render: (_, item) => remedy(item),
          },
        ]}
      />
    </PrintedDocument>
  );
}
