import { Descriptions, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useLanguage } from '../../i18n/index.ts';
import { figure, percent, probability } from './evidence-format.ts';
import { usePeerGroupName } from './peer-group.ts';

type Row = Record<string, unknown>;
type Show = (value: unknown) => ReactNode;

const isRow = (v: unknown): v is Row => !!v && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown, as: (x: number) => string) => (typeof v === 'number' ? as(v) : text(v));

function text(v: unknown): string {
  if (typeof v === 'number') return figure(v);
  if (typeof v === 'string') return v;
  return v === null || v === undefined ? '' : JSON.stringify(v);
}

/** Ids, codes and numbers one under the other. */
const lines = (items: ReactNode[]) => (
  <ul className="evidence-list">
    {items.map((item, i) => (
      <li key={i}>{item}</li>
    ))}
  </ul>
);

/**
 * An alert's evidence in words: every key under its label (a generic one if the server ever
 * sends a key the app does not know), rates as percentages, p- and q-values as powers of ten,
 * groups, methods and subjects by name, rows of days and reused photos as tables and sentences.
 */
export function EvidenceView({ evidence, testId }: { evidence: Row; testId?: string }) {
  const { t, i18n } = useLanguage();
  const label = (key: string) =>
    i18n.exists(`supervision.evidenceKeys.${key}`)
      ? t(`supervision.evidenceKeys.${key}`)
      : t('supervision.evidenceOther');
  const subjectName = (v: unknown) => t(`driver.subjects.${String(v)}`, { defaultValue: text(v) });
  const peerGroup = usePeerGroupName();
  const groupName = (v: unknown) => peerGroup(String(v));

  /** Rows (busy days, examples with a time) as a small table, each key a labelled column. */
  const table = (rows: Row[]) => {
    // The count last: a day (and its time) first, then how many.
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].sort(
      (a, b) => Number(a === 'n') - Number(b === 'n'),
    );
    return (
      <Table
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={rows}
        columns={keys.map((k) => ({
          key: k,
          title: k === 'n' ? t('supervision.evidenceCount') : label(k),
          render: (_: unknown, r: Row) => show(k, r[k]),
        }))}
      />
    );
  };

  const nested = (row: Row) => (
    <Descriptions size="small" column={1}>
      {Object.entries(row).map(([k, v]) => (
        <Descriptions.Item key={k} label={label(k)}>
          {show(k, v)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );

  const byKey: Record<string, Show> = {
    rate: (v) => num(v, percent),
    shrunkenRate: (v) => num(v, percent),
    centre: (v) => num(v, percent),
    baselineRate: (v) => num(v, percent),
    p: (v) => num(v, probability),
    q: (v) => num(v, probability),
    limits95: (v) => (isRow(v) ? `${num(v.lower, percent)} – ${num(v.upper, percent)}` : text(v)),
    limits998: (v) => (isRow(v) ? `${num(v.lower, percent)} – ${num(v.upper, percent)}` : text(v)),
    group: groupName,
    flaggedBy: (v) =>
      (Array.isArray(v) ? v : [v])
        .map((m) => t(`supervision.methods.${String(m)}`, { defaultValue: text(m) }))
        .join(t('common.listSeparator')),
    cusum: (v) => (isRow(v) ? nested(v) : t('supervision.evidenceNone')),
    examSubject: subjectName,
    subject: subjectName,
    passed: (v) => t(v ? 'common.yes' : 'common.no'),
    faceMatch: (v) => t(`driver.site.faceMatches.${String(v)}`, { defaultValue: text(v) }),
    applications: (v) =>
      Array.isArray(v)
        ? lines(
            v.map((id) => (
              <Link to={`/applications/${String(id)}`} title={String(id)}>
                {String(id).slice(0, 8)}
              </Link>
            )),
          )
        : text(v),
    reuses: (v) =>
      Array.isArray(v)
        ? lines(
            v.filter(isRow).map((r) => (
              <span title={`${label('hash')}: ${text(r.hash)}`}>
                {t('supervision.evidenceReuse', {
                  reportNo: text(r.reportNo),
                  vehicle: text(r.vehicle),
                  otherReportNo: text(r.otherReportNo),
                  otherVehicle: text(r.otherVehicle),
                  otherStation: text(r.otherStationCode),
                })}
              </span>
            )),
          )
        : text(v),
    bySubject: (v) =>
      Array.isArray(v)
        ? v.filter(isRow).map((r, i) => (
            <div key={i}>
              <Typography.Text strong>{subjectName(r.examSubject)}</Typography.Text>
              <EvidenceView evidence={r} />
            </div>
          ))
        : text(v),
  };

  function show(key: string, value: unknown): ReactNode {
    const special = byKey[key];
    if (special) return special(value);
    if (Array.isArray(value)) {
      if (value.length && value.every(isRow)) return table(value);
      return lines(value.map((v) => text(v)));
    }
    if (isRow(value)) return nested(value);
    return text(value);
  }

  return (
    <Descriptions size="small" column={1} bordered data-testid={testId}>
      {Object.entries(evidence).map(([key, value]) => (
        <Descriptions.Item key={key} label={label(key)}>
          {show(key, value)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
