import { Descriptions, Drawer, Empty, Tag, Timeline, Typography } from 'antd';
import { useLanguage } from '../../i18n/index.ts';
import { formatInstant } from '../../lib/dates.ts';
import { SEVERITY_COLOR, STATUS_COLOR } from './colours.ts';
import { DispositionForm } from './DispositionForm.tsx';
import { subjectId } from './subject.ts';
import { EvidenceView } from './EvidenceView.tsx';
import { useAlert } from './api.ts';

/** What a disposition did: the outlet suspended, or the business types withdrawn from it. */
function Effect({ effect }: { effect: Record<string, unknown> }) {
  const { t, businessTypeName } = useLanguage();
  if (typeof effect.suspended === 'string')
    return <div>{t('supervision.effects.suspended', { outlet: effect.suspended })}</div>;
  if (Array.isArray(effect.withdrawn)) {
    const types = effect.withdrawn
      .map((b) => businessTypeName(String(b)))
      .join(t('common.listSeparator'));
    return (
      <div>
        {t('supervision.effects.withdrawn', {
          outlet: String(effect.outlet ?? ''),
          types: types || t('supervision.effects.nothing'),
        })}
      </div>
    );
  }
  return null;
}

/** One alert: what was found, the evidence behind it, what was done, and what to do now. */
export function AlertDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useLanguage();
  const alert = useAlert(id);
  const a = alert.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size="large"
      title={
        a ? t(`supervision.rules.${a.rule}`, { defaultValue: a.rule }) : t('supervision.alert')
      }
      destroyOnHidden
    >
      {a && (
        <>
          <Descriptions size="small" column={1} bordered data-testid="alert-facts">
            <Descriptions.Item label={t('supervision.subject')}>
              {a.subject.name
                ? t('common.withNote', { text: a.subject.name, note: subjectId(a.subject) })
                : subjectId(a.subject)}
            </Descriptions.Item>
            <Descriptions.Item label={t('supervision.severity')}>
              <Tag color={SEVERITY_COLOR[a.severity]}>
                {t(`supervision.severities.${a.severity}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('supervision.status')}>
              <Tag color={STATUS_COLOR[a.status]} data-testid="alert-status">
                {t(`supervision.statuses.${a.status}`)}
              </Tag>
              {a.deadline && ` ${t('supervision.deadline')} ${a.deadline}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('supervision.level')}>
              {t(`supervision.levels.${a.level}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('supervision.period')}>
              {`${a.period.from} – ${a.period.to}`}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('supervision.evidence')}
          </Typography.Title>
          <EvidenceView evidence={a.evidence} testId="alert-evidence" />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('supervision.dispositions')}
          </Typography.Title>
          {a.dispositions.length ? (
            <Timeline
              data-testid="alert-dispositions"
              items={a.dispositions.map((d) => ({
                children: (
                  <>
                    <Typography.Text strong>{t(`supervision.actions.${d.action}`)}</Typography.Text>
                    {` · ${d.by === 'system' ? t('supervision.platform') : d.byName} · ${formatInstant(d.at)}`}
                    <div>{d.note}</div>
                    <Effect effect={d.effect} />
                  </>
                ),
              }))}
            />
          ) : (
            <Empty description={t('supervision.noDispositions')} />
          )}
          {a.status !== 'closed' && <DispositionForm alert={a} />}
        </>
      )}
    </Drawer>
  );
}
