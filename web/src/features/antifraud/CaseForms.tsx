import { App, AutoComplete, Button, Form, Input, Select } from 'antd';
import {
  CASE_STEP_KINDS,
  MEASURE_KINDS,
  type CasePatch,
  type CaseStepRequest,
  type MeasureRequest,
} from '#shared/schemas/antifraud.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useErrorToast } from '../../lib/errors.ts';
import { useAddMeasure, useAddStep, usePatchCase, type Case } from './api.ts';

/** Where a case may go from where it is (the server checks the same lifecycle). */
const NEXT: Record<Case['status'], CasePatch['status'][]> = {
  open: ['investigating', 'closed'],
  investigating: ['transferred', 'closed'],
  transferred: ['closed'],
  closed: [],
};

/** The rule of a field that must be filled in, with its message naming the field. */
export function useRequired() {
  const { t } = useLanguage();
  return (field: string) => [
    { required: true, whitespace: true, message: t('antifraud.required', { field: t(field) }) },
  ];
}

function useSaved(key: string, reset: () => void) {
  const { t } = useLanguage();
  const { message } = App.useApp();
  const toast = useErrorToast();
  return {
    onSuccess: () => {
      void message.success(t(key));
      reset();
    },
    onError: toast,
  };
}

export function StatusForm({ c }: { c: Case }) {
  const { t } = useLanguage();
  const [form] = Form.useForm<CasePatch>();
  const patch = usePatchCase(c.id);
  const required = useRequired();
  const saved = useSaved('antifraud.statusSaved', () => form.resetFields());
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={(v) =>
        patch.mutate({ status: v.status, ...(v.outcome ? { outcome: v.outcome } : {}) }, saved)
      }
    >
      <Form.Item
        name="status"
        label={t('antifraud.newStatus')}
        rules={required('antifraud.newStatus')}
      >
        <Select
          style={{ width: 200 }}
          data-testid="case-next-status"
          options={NEXT[c.status].map((s) => ({ value: s, label: t(`antifraud.statuses.${s}`) }))}
        />
      </Form.Item>
      <Form.Item name="outcome" label={t('antifraud.outcome')}>
        <Input maxLength={1000} style={{ width: 320 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={patch.isPending} data-testid="save-status">
        {t('antifraud.saveStatus')}
      </Button>
    </Form>
  );
}

export function StepForm({ id }: { id: string }) {
  const { t } = useLanguage();
  const [form] = Form.useForm<CaseStepRequest>();
  const add = useAddStep(id);
  const required = useRequired();
  const saved = useSaved('antifraud.stepSaved', () => form.resetFields());
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => add.mutate(v, saved)}
      initialValues={{ kind: 'note' }}
      style={{ marginTop: 12 }}
    >
      <Form.Item name="kind" label={t('antifraud.stepKind')} rules={[{ required: true }]}>
        <Select
          style={{ width: 200 }}
          options={CASE_STEP_KINDS.map((k) => ({ value: k, label: t(`antifraud.stepKinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="note" label={t('antifraud.stepNote')} rules={required('antifraud.stepNote')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="step-note" />
      </Form.Item>
      <Button htmlType="submit" loading={add.isPending} data-testid="save-step">
        {t('antifraud.saveStep')}
      </Button>
    </Form>
  );
}

/** A measure against one person; the case's members are offered as identity numbers. */
export function MeasureForm({ id, people }: { id: string; people: string[] }) {
  const { t } = useLanguage();
  const [form] = Form.useForm<MeasureRequest>();
  const add = useAddMeasure(id);
  const required = useRequired();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const submit = (v: MeasureRequest) =>
    add.mutate(v, {
      onSuccess: (application) => {
        if (application.status === 'refused') {
          const items = application.refusal?.items ?? [];
          void message.error(
            items.map((i) => i.message).join('；') || t('antifraud.measureRefused'),
          );
          return;
        }
        void message.success(t('antifraud.measureSaved'));
        form.resetFields();
      },
      onError: toast,
    });
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ kind: 'substitute-hold' }}
      style={{ marginTop: 12 }}
    >
      <Form.Item name="kind" label={t('antifraud.measureKind')} rules={[{ required: true }]}>
        <Select
          style={{ width: 280 }}
          options={MEASURE_KINDS.map((k) => ({
            value: k,
            label: t(`antifraud.measureKinds.${k}`),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t('antifraud.idNumber')}
        rules={required('antifraud.idNumber')}
      >
        <AutoComplete
          style={{ width: 280 }}
          options={people.map((p) => ({ value: p }))}
          filterOption={(input, option) =>
            String(option?.value ?? '').includes(input.toUpperCase())
          }
        >
          <Input maxLength={18} data-testid="measure-id-number" />
        </AutoComplete>
      </Form.Item>
      <Form.Item name="name" label={t('antifraud.name')} rules={required('antifraud.name')}>
        <Input maxLength={64} style={{ width: 280 }} data-testid="measure-name" />
      </Form.Item>
      <Form.Item name="note" label={t('antifraud.note')}>
        <Input maxLength={500} style={{ width: 420 }} />
      </Form.Item>
      <Button htmlType="submit" loading={add.isPending} data-testid="save-measure">
        {t('antifraud.saveMeasure')}
      </Button>
    </Form>
  );
}
