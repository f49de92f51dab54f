import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatPlate } from '#shared/validators/index.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useRefusalReasons } from '../applications/refusalReasons.ts';
import { formatInstant } from '../../lib/dates.ts';
import { useErrorMessage } from '../../lib/errors.ts';
import { keepFocusNear } from '../../lib/focusSuccessor.ts';
import { Outcome } from './CitizenShell.tsx';
import { fetchOwnViolations, submitOnline, type CitizenMe } from './api.ts';

const STATUS_COLOR = { unhandled: 'red', handled: 'orange', paid: 'green' } as const;

/**
 * My violations (12123): the holder's own records; an unhandled one is handled online (the
 * points are taken on the own licence), then its fine is paid online, both through the pipeline.
 */
export function ViolationsCard({ me, refresh }: { me: CitizenMe; refresh: () => void }) {
  const { t } = useLanguage();
  const reasons = useRefusalReasons();
  const describe = useErrorMessage();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const list = useQuery({
    queryKey: ['citizen-violations', me.person.idNumber],
    queryFn: () => fetchOwnViolations(me.person.idNumber),
  });
  const act = useMutation({
    mutationFn: (v: { businessType: 'violation.handle' | 'fine.pay'; violationId: string }) =>
      submitOnline({
        businessType: v.businessType,
        applicant: { idNumber: me.person.idNumber, name: me.person.name },
        data: { violationId: v.violationId },
      }),
    onSuccess: (app) => {
      const items = app.refusal?.items ?? [];
      setOutcome(
        app.status === 'refused'
          ? {
              ok: false,
              text: t('citizen.refusedBecause', { reasons: reasons(items) }),
            }
          : { ok: true, text: t('citizen.violationDone') },
      );
      void queryClient.invalidateQueries({ queryKey: ['citizen-violations'] });
      refresh();
    },
    onError: (e) => setOutcome({ ok: false, text: describe(e) }),
  });
  const items = list.data?.items ?? [];
  const { modal } = App.useApp();
  const cyclePoints = me.licence?.cycle.points ?? 0;

  /**
   * Handling records the points on the own licence and decides the fine, for good: the citizen
   * confirms it with the record, the points and the fine restated.
   */
  const confirmHandling = (v: (typeof items)[number]) =>
    void modal.confirm({
      title: t('citizen.confirmHandleTitle'),
      content: (
        <div data-testid="confirm-handling">
          <p>
            {t('citizen.confirmHandleRecord', {
              id: v.id,
              plate: formatPlate(v.plate),
              what: v.description ?? v.code,
              at: formatInstant(v.occurredAt),
            })}
          </p>
          <p>
            {t('citizen.confirmHandlePenalty', {
              points: v.points,
              fine: v.fine,
              before: cyclePoints,
              after: cyclePoints + v.points,
            })}
          </p>
          <p>{t('citizen.confirmHandleFinal')}</p>
        </div>
      ),
      okText: t('citizen.confirmHandleOk'),
      cancelText: t('common.cancel'),
      onOk: () => act.mutate({ businessType: 'violation.handle', violationId: v.id }),
    });
  return (
    <Card title={<h2 className="citizen-card-title">{t('citizen.violations')}</h2>}>
      {items.length ? (
        <List
          dataSource={items}
          data-testid="citizen-violations"
          renderItem={(v) => (
            <List.Item>
              <Space orientation="vertical" size={4}>
                <Space wrap>
                  <strong>{formatPlate(v.plate)}</strong>
                  <Tag color={STATUS_COLOR[v.status]}>
                    {t(`driver.file.violationStatuses.${v.status}`)}
                  </Tag>
                </Space>
                <Typography.Text>
                  {v.description ?? v.code} · {formatInstant(v.occurredAt)}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('citizen.violationPenalty', { points: v.points, fine: v.fine })}
                </Typography.Text>
                {/* One button that turns from handling into paying: the same button, so the
                    focus the confirmation gives back stays on it as the record changes. */}
                {v.status !== 'paid' && (
                  <Button
                    size="small"
                    type={v.status === 'unhandled' ? 'primary' : 'default'}
                    // Several records each have this button: its name starts with what it
                    // shows (WCAG 2.5.3) and goes on with its own record's plate, act and time.
                    aria-label={t('citizen.violationAction', {
                      action:
                        v.status === 'unhandled'
                          ? t('citizen.handleViolation')
                          : t('citizen.payFine', { fine: v.fine }),
                      plate: formatPlate(v.plate),
                      what: v.description ?? v.code,
                      at: formatInstant(v.occurredAt),
                    })}
                    loading={act.isPending}
                    onClick={(e) => {
                      if (v.status === 'unhandled') return confirmHandling(v);
                      // A paid record keeps no button: the focus stays in the list.
                      keepFocusNear(e.currentTarget);
                      act.mutate({ businessType: 'fine.pay', violationId: v.id });
                    }}
                  >
                    {v.status === 'unhandled'
                      ? t('citizen.handleViolation')
                      : t('citizen.payFine', { fine: v.fine })}
                  </Button>
                )}
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">{t('citizen.noViolations')}</Typography.Text>
      )}
      {outcome && <Outcome {...outcome} />}
    </Card>
  );
}
