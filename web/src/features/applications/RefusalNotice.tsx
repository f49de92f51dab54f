import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { RefusalItem } from '#shared/schemas/applications.ts';
import { maskIdNumber } from '#shared/validators/index.ts';
import { useLanguage } from '../../i18n/index.ts';
import { dateOfInstant } from '../../lib/dates.ts';
import type { ApplicationResponse } from './api.ts';
import { verifyUrl } from './verifyLink.ts';

/**
 * The "1331" one-time refusal notice (一次性告知书): everything that stands in the way, why, on
 * what basis and how to proceed, laid out to be printed and handed over.
 */
export function RefusalNotice({
  application,
  extra,
}: {
  application: ApplicationResponse;
  extra?: ReactNode;
}) {
  const { t, i18n, businessTypeName } = useLanguage();
  const refusal = application.refusal;
  if (!refusal) return null;
  // The server words each item in Chinese and in English; notices stored before the English
  // fields existed have only the Chinese, which is shown then.
  const english = i18n.language.startsWith('en');
  const message = (item: RefusalItem) => (english && item.messageEn) || item.message;
  const remedy = (item: RefusalItem) => (english && item.remedyEn) || item.remedy;
  const outlet = application.outletName;
  const url = verifyUrl(refusal.verifyToken);

  return (
    <Card>
      <Space className="no-print notice-actions" wrap>
        <Button
          type="primary"
          icon={<PrinterOutlined aria-hidden />}
          onClick={() => window.print()}
        >
          {t('common.print')}
        </Button>
        {extra}
      </Space>
      <article className="refusal-notice print-area" data-testid="refusal-notice">
        <Typography.Title level={3} className="notice-title">
          {t('notice.title')}
        </Typography.Title>
        <div className="notice-number" data-testid="notice-number">
          {t('notice.number', { number: refusal.noticeNumber })}
        </div>
        <table className="notice-meta">
          <tbody>
            <tr>
              <th>{t('notice.applicant')}</th>
              <td>{application.applicant.name}</td>
              <th>{t('notice.idNumber')}</th>
              <td>{maskIdNumber(application.applicant.idNumber)}</td>
            </tr>
            <tr>
              <th>{t('notice.businessType')}</th>
              <td>{businessTypeName(application.businessType)}</td>
              <th>{t('notice.date')}</th>
              <td>{dateOfInstant(application.submittedAt)}</td>
            </tr>
            <tr>
              <th>{t('notice.outlet')}</th>
              <td colSpan={3}>{outlet}</td>
            </tr>
          </tbody>
        </table>
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
            { title: t('notice.basis'), dataIndex: 'legalBasis', width: '24%' },
            {
              title: t('notice.remedy'),
              key: 'remedy',
              width: '32%',
              render: (_, item) => remedy(item),
            },
          ]}
        />
        <footer className="notice-footer">
          <div className="notice-seal">{t('notice.seal', { outlet })}</div>
          <div>
            {t('notice.verify')}
            <a href={url} target="_blank" rel="noreferrer" data-testid="notice-verify-link">
              {url}
            </a>
          </div>
          <div className="notice-small">{t('notice.footer')}</div>
        </footer>
      </article>
    </Card>
  );
}
