import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { maskIdNumber } from '#shared/validators/index.ts';
import { useLanguage } from '../../i18n/index.ts';
import { QrCode } from '../../lib/QrCode.tsx';
import type { ApplicationResponse } from './api.ts';
import { useVerifyUrl } from './verifyLink.ts';

export interface DocumentRow {
  label: string;
  value: ReactNode;
}

/**
 * A paper the window hands over about an application (the 1331 refusal notice, the acceptance
 * receipt, the result of a finished business), as A4: the issuing office, title and number, who
 * applied for what, where, when and with which clerk, the body, the outlet's seal, and a QR code
 * of the public address where anyone can verify it. Only the paper is printed.
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
  header,
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
  /** What the screen shows above the paper (not printed), e.g. the outcome. */
  header?: ReactNode;
  testId: string;
  children: ReactNode;
}) {
  const { t, businessTypeName } = useLanguage();
  const verifyUrl = useVerifyUrl();
  const outlet = application.outletName;
  const url = verifyToken ? verifyUrl(verifyToken) : null;
  return (
    <Card data-testid={testId}>
      {header && <div className="no-print">{header}</div>}
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
      <article className="printed-document print-area">
        {application.officeName && (
          <div className="notice-office" data-testid="notice-office">
            {application.officeName}
          </div>
        )}
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
              <td>{outlet}</td>
              <th>{t('notice.clerk')}</th>
              <td data-testid="notice-clerk">{application.handledBy ?? t('common.none')}</td>
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
            <div className="notice-verify">
              <QrCode value={url} label={t('notice.qrLabel', { number })} />
              <div>
                {t('notice.verify')}
                <br />
                <a href={url} target="_blank" rel="noreferrer" data-testid="notice-verify-link">
                  {url}
                </a>
              </div>
            </div>
          )}
          <div className="notice-small">{footer}</div>
        </footer>
      </article>
    </Card>
  );
}
