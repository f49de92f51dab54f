import { Table } from 'antd';
import { Link } from 'react-router';
import type { IssuedDocument } from '#shared/schemas/applications.ts';
import { useLanguage } from '../../i18n/index.ts';
import { QrCode } from '../../lib/QrCode.tsx';
import { documentTitleKey } from './documentTitle.ts';
import { verifyPath, useVerifyUrl } from './verifyLink.ts';

/**
 * The documents an application issued, each with the public address that verifies it and its
 * QR code, so that a printed copy can be verified too.
 */
export function DocumentsTable({ documents }: { documents: IssuedDocument[] }) {
  const { t } = useLanguage();
  const verifyUrl = useVerifyUrl();
  return (
    <Table<IssuedDocument>
      className="documents-table"
      data-testid="documents"
      size="small"
      rowKey="number"
      pagination={false}
      dataSource={documents}
      title={() => t('application.documents')}
      columns={[
        {
          title: t('application.docKind'),
          dataIndex: 'kind',
          render: (kind: IssuedDocument['kind'], doc) => t(documentTitleKey(kind, doc.number)),
        },
        { title: t('application.docNumber'), dataIndex: 'number' },
        {
          title: t('application.verify'),
          dataIndex: 'verifyToken',
          render: (token: string, doc) => (
            <div className="document-verify">
              <QrCode
                value={verifyUrl(token)}
                label={t('notice.qrLabel', { number: doc.number })}
                size={64}
              />
              <Link to={verifyPath(token)} target="_blank" data-testid="verify-link">
                {verifyUrl(token)}
              </Link>
            </div>
          ),
        },
      ]}
    />
  );
}
