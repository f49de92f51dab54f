import { Table, Tag } from 'antd';
import { useLanguage } from '../../i18n/index.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import type { Agreement, AgreementKind } from './api.ts';

/** Only palettes whose tag text has 4.5:1 contrast (see app/theme.ts). */
const KIND_COLORS: Record<AgreementKind, string> = {
  enterprise: 'geekblue',
  bank: 'purple',
  insurance: 'blue',
  post: 'magenta',
  hospital: 'red',
};

export function AgreementKindTag({ kind }: { kind: AgreementKind }) {
  const { t } = useLanguage();
  return <Tag color={KIND_COLORS[kind]}>{t(`agreementKind.${kind}`)}</Tag>;
}

/** Agreements ("4"): kind, partner, term and delegated business; extra columns optional. */
export function AgreementTable<T extends Agreement>({
  agreements,
  label,
  paged = true,
  extraColumns = [],
}: {
  agreements: T[];
  /** What the table is, for the region that scrolls it. */
  label: string;
  /** Whether the table pages its rows itself (false where the server gives a page at a time). */
  paged?: boolean;
  extraColumns?: { title: string; key: string; render: (a: T) => React.ReactNode }[];
}) {
  const { t, businessTypeName } = useLanguage();
  return (
    <ScrollRegion label={label}>
      <Table<T>
        size="small"
        rowKey="code"
        dataSource={agreements}
        pagination={paged && agreements.length > 20 ? { pageSize: 20 } : false}
        columns={[
          { title: t('agreements.code'), dataIndex: 'code', width: 150 },
          {
            title: t('agreements.kind'),
            dataIndex: 'kind',
            render: (kind: AgreementKind) => <AgreementKindTag kind={kind} />,
          },
          { title: t('agreements.partner'), dataIndex: 'partnerName' },
          { title: t('agreements.signedOn'), dataIndex: 'signedOn', responsive: ['lg'] },
          {
            title: t('agreements.term'),
            key: 'term',
            render: (_: unknown, a) => `${a.validFrom} ~ ${a.validUntil}`,
          },
          {
            title: t('agreements.businessTypes'),
            dataIndex: 'businessTypes',
            render: (types: string[]) => types.map((c) => <Tag key={c}>{businessTypeName(c)}</Tag>),
          },
          ...extraColumns.map((c) => ({ ...c, render: (_: unknown, a: T) => c.render(a) })),
        ]}
      />
    </ScrollRegion>
  );
}
