import { Descriptions, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { formatInstant } from '../../lib/dates.ts';
import type { Draw } from './api.ts';

/** Tag colours whose text passes WCAG AA on their background (see app/theme.ts). */
export const DRAW_STATUS_COLOR = {
  committing: 'warning',
  revealing: 'processing',
  complete: 'success',
} as const;

type Party = Draw['commitments'][number];

/**
 * Everything published about a draw: the frozen frame and its hash, each party's commitment and
 * share, the seed and the selection. The staff screen and the public page show the same; the
 * staff screen adds its actions per party.
 */
export function DrawDetails({
  draw,
  partyActions,
}: {
  draw: Draw;
  partyActions?: (p: Party) => ReactNode;
}) {
  const { t } = useLanguage();
  const code = (text: string | null) =>
    text ? (
      <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
        {text}
      </Typography.Text>
    ) : (
      t('common.none')
    );
  return (
    <>
      <Descriptions size="small" column={1} bordered data-testid="draw-facts">
        <Descriptions.Item label={t('supervision.draws.population')}>
          {t(`category.${draw.population}`, { defaultValue: draw.population })}
        </Descriptions.Item>
        <Descriptions.Item label={t('supervision.draws.count')}>{draw.count}</Descriptions.Item>
        <Descriptions.Item label={t('supervision.status')}>
          <Tag
            color={DRAW_STATUS_COLOR[draw.status]}
            data-testid="draw-status"
            data-status={draw.status}
          >
            {t(`supervision.draws.statuses.${draw.status}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('supervision.draws.frameHash')}>
          {code(draw.frameHash)}
        </Descriptions.Item>
        <Descriptions.Item label={t('supervision.draws.seed')}>
          <span data-testid="draw-seed">{code(draw.seed)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('supervision.draws.selected')}>
          <span data-testid="draw-selected">
            {draw.selected?.length
              ? draw.selected.map((s) => <Tag key={s}>{s}</Tag>)
              : t('common.none')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('supervision.draws.createdAt')}>
          {formatInstant(draw.createdAt)}
        </Descriptions.Item>
        {draw.completedAt && (
          <Descriptions.Item label={t('supervision.draws.completedAt')}>
            {formatInstant(draw.completedAt)}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('supervision.draws.parties')}
      </Typography.Title>
      <Table<Party>
        data-testid="draw-parties"
        size="small"
        rowKey="party"
        pagination={false}
        dataSource={draw.commitments}
        scroll={{ x: 640 }}
        columns={[
          { title: t('supervision.draws.party'), dataIndex: 'party' },
          {
            title: t('supervision.draws.commitment'),
            dataIndex: 'commitment',
            render: (c: string | null) => code(c),
          },
          {
            title: t('supervision.draws.share'),
            dataIndex: 'share',
            render: (s: string | null) => code(s),
          },
          ...(partyActions
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, p: Party) => partyActions(p),
                },
              ]
            : []),
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('supervision.draws.frame')}
      </Typography.Title>
      <Table
        data-testid="draw-frame"
        size="small"
        rowKey="code"
        dataSource={draw.frame}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('supervision.draws.code'), dataIndex: 'code' },
          { title: t('supervision.draws.weight'), dataIndex: 'weight', align: 'right' },
          {
            title: t('supervision.draws.selected'),
            key: 'marks',
            render: (_: unknown, u: { code: string }) => (
              <>
                {draw.selected?.includes(u.code) && (
                  <Tag color="success">{t('supervision.draws.selected')}</Tag>
                )}
                {draw.forced.includes(u.code) && <Tag>{t('supervision.draws.forced')}</Tag>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
