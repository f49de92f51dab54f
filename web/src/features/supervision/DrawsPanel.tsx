import {
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { OUTLET_CATEGORIES } from '#shared/catalog.ts';
import { useLanguage } from '../../i18n/index.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { formatInstant } from '../../lib/dates.ts';
import { useErrorToast } from '../../lib/errors.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import {
  commitShare,
  createDraw,
  revealShare,
  sha256Hex,
  useDraw,
  useDrawStep,
  useDraws,
  type Draw,
} from './api.ts';
import { DrawDetails, DRAW_STATUS_COLOR } from './DrawDetails.tsx';

interface CreateValues {
  population: (typeof OUTLET_CATEGORIES)[number];
  count: number;
  parties: string[];
}

/** A party's secret share, kept in this browser session until the party reveals it. */
const shareKey = (id: string, party: string) => `cheguan.share.${id}.${party}`;

function newShare(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** One party's step: commit to a fresh share, then reveal it once every party has committed. */
function PartyAction({ draw, party }: { draw: Draw; party: Draw['commitments'][number] }) {
  const { t } = useLanguage();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const [share, setShare] = useState(
    () => sessionStorage.getItem(shareKey(draw.id, party.party)) ?? '',
  );
  const commit = useDrawStep(async () => {
    const secret = newShare();
    sessionStorage.setItem(shareKey(draw.id, party.party), secret);
    setShare(secret);
    return await commitShare(draw.id, { party: party.party, commitment: await sha256Hex(secret) });
  });
  const reveal = useDrawStep((s: string) => revealShare(draw.id, { party: party.party, share: s }));
  if (draw.status === 'committing' && !party.commitment) {
    return (
      <Button
        size="small"
        loading={commit.isPending}
        data-testid={`commit-${party.party}`}
        onClick={async () => {
          try {
            await commit.mutateAsync(undefined);
            void message.success(t('supervision.draws.committed', { party: party.party }));
          } catch (e) {
            toastError(e);
          }
        }}
      >
        {t('supervision.draws.commit')}
      </Button>
    );
  }
  // Shares are revealed once every party has committed (then no commitment is taken any more).
  const allCommitted = draw.commitments.every((c) => c.commitment);
  if (draw.status !== 'complete' && party.commitment && !party.share) {
    return (
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        {share && !allCommitted && (
          <Typography.Text type="secondary">
            {t('supervision.draws.shareKeep', { party: party.party })}
          </Typography.Text>
        )}
        <Space.Compact style={{ width: '100%' }}>
          <Input
            size="small"
            aria-label={t('supervision.draws.shareLabel', { party: party.party })}
            value={share}
            onChange={(e) => setShare(e.target.value.trim())}
            data-testid={`share-${party.party}`}
          />
          <Button
            size="small"
            type="primary"
            disabled={!allCommitted}
            loading={reveal.isPending}
            data-testid={`reveal-${party.party}`}
            onClick={async () => {
              if (!share) {
                void message.error(t('supervision.draws.shareRequired'));
                return;
              }
              try {
                await reveal.mutateAsync(share);
                sessionStorage.removeItem(shareKey(draw.id, party.party));
                void message.success(t('supervision.draws.revealed', { party: party.party }));
              } catch (e) {
                toastError(e);
              }
            }}
          >
            {t('supervision.draws.reveal')}
          </Button>
        </Space.Compact>
      </Space>
    );
  }
  return null;
}

function DrawDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useLanguage();
  const draw = useDraw(id);
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size="large"
      title={t('supervision.draws.detail')}
      destroyOnHidden
      data-testid="draw-drawer"
      extra={
        id && (
          <Link to={`/spot-checks/${id}`} target="_blank">
            {t('supervision.draws.publicPage')}
          </Link>
        )
      }
    >
      {draw.data && (
        <DrawDetails
          draw={draw.data}
          partyActions={(p) => <PartyAction draw={draw.data!} party={p} />}
        />
      )}
    </Drawer>
  );
}

/** Spot-check draws (双随机一公开): create one, let each party commit and reveal, and list them. */
export function DrawsPanel() {
  const { t } = useLanguage();
  const { user } = useAuth();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const [form] = Form.useForm<CreateValues>();
  const [selected, setSelected] = useState<string | null>(null);
  const draws = useDraws(user?.cityCode);
  const create = useDrawStep((v: CreateValues) => createDraw(v));
  const cityWide = user?.scope.level === 'city';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('supervision.draws.hint')}</Typography.Paragraph>
      {cityWide && (
        <Card size="small" title={t('supervision.draws.create')}>
          <Form<CreateValues>
            form={form}
            name="draw"
            layout="vertical"
            data-testid="draw-form"
            initialValues={{
              population: 'inspection-station',
              count: 3,
              parties: [user?.username ?? 'sup.city', 'witness'],
            }}
            onFinish={async (v) => {
              try {
                const d = await create.mutateAsync(v);
                void message.success(t('supervision.draws.created'));
                setSelected(d.id);
              } catch (e) {
                toastError(e);
              }
            }}
          >
            <Space wrap align="start">
              <Form.Item
                name="population"
                label={t('supervision.draws.population')}
                rules={[{ required: true, message: t('supervision.draws.populationRequired') }]}
              >
                <Select
                  style={{ width: 200 }}
                  data-testid="draw-population"
                  options={OUTLET_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
                />
              </Form.Item>
              <Form.Item
                name="count"
                label={t('supervision.draws.count')}
                rules={[{ required: true }]}
              >
                <InputNumber min={1} max={1000} precision={0} data-testid="draw-count" />
              </Form.Item>
              <Form.Item
                name="parties"
                label={t('supervision.draws.parties')}
                extra={t('supervision.draws.partiesHint')}
                rules={[{ required: true, message: t('supervision.draws.partiesRequired') }]}
              >
                <Select mode="tags" style={{ width: 320 }} />
              </Form.Item>
            </Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={create.isPending}
              data-testid="draw-create"
            >
              {t('supervision.draws.create')}
            </Button>
          </Form>
        </Card>
      )}
      <Card size="small" title={t('supervision.draws.list')}>
        <ScrollRegion label={t('supervision.draws.list')}>
          <Table<Draw>
            data-testid="draws"
            size="small"
            rowKey="id"
            loading={draws.isLoading}
            dataSource={draws.data?.items ?? []}
            pagination={false}
            style={{ minWidth: 720 }}
            columns={[
              {
                title: t('supervision.draws.createdAt'),
                dataIndex: 'createdAt',
                render: formatInstant,
              },
              {
                title: t('supervision.draws.population'),
                dataIndex: 'population',
                render: (p: string) => t(`category.${p}`, { defaultValue: p }),
              },
              { title: t('supervision.draws.count'), dataIndex: 'count', align: 'right' },
              {
                title: t('supervision.draws.parties'),
                dataIndex: 'parties',
                render: (p: string[]) => p.join(t('common.listSeparator')),
              },
              {
                title: t('supervision.status'),
                dataIndex: 'status',
                render: (s: Draw['status']) => (
                  <Tag color={DRAW_STATUS_COLOR[s]}>{t(`supervision.draws.statuses.${s}`)}</Tag>
                ),
              },
              {
                title: t('common.actions'),
                key: 'open',
                render: (_, d) => (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setSelected(d.id)}
                    data-testid="open-draw"
                  >
                    {t('supervision.draws.open')}
                  </Button>
                ),
              },
            ]}
          />
        </ScrollRegion>
      </Card>
      <DrawDrawer id={selected} onClose={() => setSelected(null)} />
    </Space>
  );
}
