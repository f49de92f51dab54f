import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { maskIdNumber } from '#shared/validators/index.ts';
import { useLanguage } from '../../i18n/index.ts';
import type { ApplicationResponse } from './api.ts';
import { verifyUrl } from './verifyLink.ts';

export interface DocumentRow {
  label: string;
  value: ReactNode;
}

/**
 * A paper the window hands over about an application (the 1331 refusal notice, the acceptance
 * receipt): title and number, who applied for what, where and when, the body, the outlet's seal
 * and the address where anyone can verify it. Only the paper is printed.
 */
export function PrintedDocument({
  application,
  title,
  number,
  dateLabel,
  date,
  rows = [],
  verifyToken,
  footer,
  extra,
  testId,
  children,
}: {
  application: ApplicationResponse;
  title: string;
  number: string;
  dateLabel: string;
  date: string;
  /** Further facts, one line each under the applicant, business and outlet. */
  rows?: DocumentRow[];
  verifyToken?: string;
  footer: string;
  /** Actions beside the print button (not printed). */
  extra?: ReactNode;
  testId: string;
  children: ReactNode;
}) {
  const { t, businessTypeName } = useLanguage();
  const outlet = application.outletName;
  const url = verifyToken ? verifyUrl(verifyToken) : null;
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
      <article className="printed-document print-area" data-testid={testId}>
        <Typography.Title level={3} className="notice-title">
          {title}
        </Typography.Title>
        <div className="notice-number" data-testid="notice-number">
          {t('notice.number', { number })}
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
              <th>{dateLabel}</th>
              <td>{date}</td>
            </tr>
            <tr>
              <th>{t('notice.outlet')}</th>
              <td colSpan={3}>{outlet}</td>
            </tr>
            {rows.map((row) => (
              <tr key={row.label}>
                <th>{row.label}</th>
                <td colSpan={3}>{row.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {children}
        <footer className="notice-footer">
          <div className="notice-seal">{t('notice.seal', { outlet })}</div>
          {url && (
            <div>
              {t('notice.verify')}
              <a href={url} target="_blank" rel="noreferrer" data-testid="notice-verify-link">
                {url}
              </a>
            </div>
          )}
          <div className="notice-small">{footer}</div>
        </footer>
      </article>
    </Card>
  );
}
