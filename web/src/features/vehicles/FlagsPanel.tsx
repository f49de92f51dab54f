import { FlagOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { POLICE_CATEGORIES } from '#shared/catalog.ts';
import { flagRequestSchema } from '#shared/schemas/vehicles.ts';
import { useLanguage } from '../../i18n/index.ts';
import { formatInstant } from '../../lib/dates.ts';
import { useErrorMessage } from '../../lib/errors.ts';
import { useFocusReturn } from '../../lib/useFocusReturn.ts';
import { hasRole } from '../auth/api.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { issuesToFields, mergeFieldErrors } from '../workstation/validation.ts';
import { useFlagChange, useVehicleFlags, type Flag } from './api.ts';

type ActiveFlag = NonNullable<ReturnType<typeof useVehicleFlags>['data']>['flags'][number];

/**
 * The vehicle's seizure and stolen flags (R164 §76). Police staff set and lift them here;
 * everyone else who may read the file (administrators too) sees them.
 */
export function FlagsPanel({ vin }: { vin: string }) {
  const { t } = useLanguage();
  const { user } = useAuth();
  const { message } = App.useApp();
  const { data } = useVehicleFlags(vin);
  const change = useFlagChange(vin);
  const [setting, setSetting] = useState(false);
  const [lifting, setLifting] = useState<Flag | null>(null);
  const police =
    hasRole(user, 'clerk') &&
    !!user?.outletCategory &&
    POLICE_CATEGORIES.includes(user.outletCategory);
  const flagName = (flag: Flag) => t(`vehicleFile.flagKinds.${flag}`);

  return (
    <Card
      size="small"
      title={t('vehicleFile.flags')}
      data-testid="vehicle-flags"
      extra={
        police && (
          <Button
            icon={<FlagOutlined aria-hidden />}
            onClick={() => setSetting(true)}
            data-testid="flag-set"
          >
            {t('vehicleFile.setFlag')}
          </Button>
        )
      }
    >
      <p className="card-hint">{t('vehicleFile.flagHint')}</p>
      <Table<ActiveFlag>
        size="small"
        rowKey="flag"
        pagination={false}
        loading={!data}
        dataSource={data?.flags ?? []}
        locale={{
          emptyText: <Typography.Text type="secondary">{t('vehicleFile.noFlags')}</Typography.Text>,
        }}
        columns={[
          {
            title: t('vehicleFile.flagKind'),
            dataIndex: 'flag',
            render: (flag: Flag) => <strong data-testid="flag-kind">{flagName(flag)}</strong>,
          },
          { title: t('vehicleFile.flagReason'), dataIndex: 'reason' },
          { title: t('vehicleFile.flagAuthority'), dataIndex: 'authority' },
          { title: t('vehicleFile.flagSetBy'), dataIndex: 'setBy' },
          {
            title: t('vehicleFile.flagSetAt'),
            dataIndex: 'setAt',
            render: (at: string) => formatInstant(at),
          },
          ...(police
            ? [
                {
                  title: t('common.actions'),
                  key: 'lift',
                  render: (_: unknown, f: ActiveFlag) => (
                    <Button
                      size="small"
                      aria-label={t('vehicleFile.liftFlagLabel', { flag: flagName(f.flag) })}
                      onClick={() => setLifting(f.flag)}
                      data-testid={`flag-lift-${f.flag}`}
                    >
                      {t('vehicleFile.liftFlag')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {setting && (
        <SetFlagDialog
          pending={change.set.isPending}
          onCancel={() => setSetting(false)}
          onSubmit={async (body) => {
            await change.set.mutateAsync(body);
            setSetting(false);
            void message.success(t('vehicleFile.flagSet', { flag: flagName(body.flag) }));
          }}
        />
      )}
      {lifting && (
        <LiftFlagDialog
          flag={lifting}
          pending={change.lift.isPending}
          onCancel={() => setLifting(null)}
          onSubmit={async (note) => {
            await change.lift.mutateAsync({ flag: lifting, note });
            setLifting(null);
            void message.success(t('vehicleFile.flagLifted', { flag: flagName(lifting) }));
          }}
        />
      )}
    </Card>
  );
}

/** The flag, its reason and the deciding authority, checked with the shared schema. */
function SetFlagDialog({
  pending,
  onCancel,
  onSubmit,
}: {
  pending: boolean;
  onCancel: () => void;
  onSubmit: (body: ReturnType<typeof flagRequestSchema.parse>) => Promise<void>;
}) {
  const { t, language } = useLanguage();
  const describe = useErrorMessage();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<string | null>(null);
  useFocusReturn();
  const submit = async () => {
    setProblem(null);
    const checked = flagRequestSchema.safeParse(form.getFieldValue('data') ?? {});
    if (!checked.success) {
      // Paths come from the schema's issues, so they are not typed.
      const fields = mergeFieldErrors(issuesToFields(checked.error.issues, 'data', language, t));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    try {
      await onSubmit(checked.data);
    } catch (e) {
      setProblem(describe(e));
    }
  };
  return (
    <Modal
      open
      title={t('vehicleFile.setFlagTitle')}
      okText={t('vehicleFile.setFlag')}
      onOk={submit}
      onCancel={onCancel}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ data: { flag: 'seized' } }}>
        <Form.Item name={['data', 'flag']} label={t('vehicleFile.flagKind')} required>
          <Select
            options={(['seized', 'stolen'] as const).map((f) => ({
              value: f,
              label: t(`vehicleFile.flagKinds.${f}`),
            }))}
          />
        </Form.Item>
        <Form.Item name={['data', 'reason']} label={t('vehicleFile.flagReason')} required>
          <Input.TextArea maxLength={500} rows={2} data-testid="flag-reason" />
        </Form.Item>
        <Form.Item name={['data', 'authority']} label={t('vehicleFile.flagAuthority')} required>
          <Input maxLength={100} data-testid="flag-authority" />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Modal>
  );
}

function LiftFlagDialog({
  flag,
  pending,
  onCancel,
  onSubmit,
}: {
  flag: Flag;
  pending: boolean;
  onCancel: () => void;
  onSubmit: (note: string | undefined) => Promise<void>;
}) {
  const { t } = useLanguage();
  const describe = useErrorMessage();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useFocusReturn();
  return (
    <Modal
      open
      title={t('vehicleFile.liftTitle', { flag: t(`vehicleFile.flagKinds.${flag}`) })}
      okText={t('vehicleFile.liftFlag')}
      onOk={async () => {
        setProblem(null);
        try {
          await onSubmit(note.trim() || undefined);
        } catch (e) {
          setProblem(describe(e));
        }
      }}
      onCancel={onCancel}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item
          label={`${t('vehicleFile.liftNote')} (${t('common.optional')})`}
          htmlFor="lift-note"
        >
          <Input.TextArea
            id="lift-note"
            maxLength={500}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Modal>
  );
}
