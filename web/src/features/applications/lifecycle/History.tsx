import { Button, Space, Tag, Timeline, Typography } from 'antd';
import { useId, type ReactNode } from 'react';
import { lifecycleOf } from '#shared/lifecycles.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { formatInstant } from '../../../lib/dates.ts';
import type { ApplicationEvent, ApplicationResponse } from '../api.ts';
import type { RefusedStep } from './EventDialog.tsx';

/**
 * What happened to an application, oldest first: its submission, then every event with who did
 * it, when, where it led, or, for a refused one, its notice (which opens to be printed again).
 */
export function History({
  application,
  onNotice,
}: {
  application: ApplicationResponse;
  onNotice: (step: RefusedStep) => void;
}) {
  const { t, stageName, eventName } = useLanguage();
  const titleId = useId();
  const type = application.businessType;
  const outletName = (code: string | null) =>
    code === application.outletCode ? application.outletName : (code ?? '');
  const firstStage = lifecycleOf(type)?.stages[0];

  const submission = {
    key: 'submitted',
    color: 'blue',
    title: formatInstant(application.submittedAt),
    content: (
      <Entry
        what={t('lifecycle.submitted')}
        who={application.outletName}
        outcome={firstStage && t('lifecycle.movedTo', { stage: stageName(type, firstStage.code) })}
      />
    ),
  };

  const step = (e: ApplicationEvent) => {
    const name = eventName(type, e.event);
    const refusal = e.refusal;
    return {
      key: e.seq,
      color: e.outcome === 'refused' ? 'red' : 'green',
      title: formatInstant(e.at),
      content: (
        <Entry
          what={name}
          who={[e.by, outletName(e.outletCode)].filter(Boolean).join(' · ')}
          tag={
            e.outcome === 'refused' ? (
              <Tag color="error">{t('lifecycle.refused')}</Tag>
            ) : (
              <Tag color="success">{t('lifecycle.applied')}</Tag>
            )
          }
          outcome={
            e.outcome === 'refused'
              ? null
              : e.toStage
                ? t('lifecycle.movedTo', { stage: stageName(type, e.toStage) })
                : t('lifecycle.closedAs', { status: t(`application.statuses.${e.toStatus}`) })
          }
          notice={
            refusal && (
              <Button
                type="link"
                size="small"
                className="cell-link"
                onClick={() => onNotice({ name, refusal, at: e.at })}
              >
                {t('lifecycle.viewNotice', { number: refusal.noticeNumber })}
              </Button>
            )
          }
        />
      ),
    };
  };

  return (
    <section aria-labelledby={titleId} data-testid="history">
      <Typography.Title level={5} id={titleId}>
        {t('lifecycle.history')}
      </Typography.Title>
      <Timeline items={[submission, ...(application.events ?? []).map(step)]} />
    </section>
  );
}

function Entry({
  what,
  who,
  tag,
  outcome,
  notice,
}: {
  what: string;
  who: string;
  tag?: ReactNode;
  outcome?: string | null;
  notice?: ReactNode;
}) {
  return (
    <div data-testid="history-item">
      <Space size={4} wrap>
        <strong>{what}</strong>
        {tag}
        {outcome && <span>{outcome}</span>}
      </Space>
      <div className="history-who">{who}</div>
      {notice}
    </div>
  );
}
