import { App, AutoComplete, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  CASE_STEP_KINDS,
  MEASURE_KINDS,
  type CasePatch,
  type CaseStepRequest,
  type MeasureKind,
  type MeasureLift,
  type MeasureRequest,
} from '#shared/schemas/antifraud.ts';
import { useLanguage } from '../../i18n/index.ts';
import { todayInBeijing } from '../../lib/dates.ts';
import { useErrorToast } from '../../lib/errors.ts';
import { useAddMeasure, useAddStep, useLiftMeasure, usePatchCase, type Case } from './api.ts';
import { useRefusalReasons } from '../applications/refusalReasons.ts';

/** Where a case may go from where it is (the server checks the same lifecycle). */
const NEXT: Record<Case['status'], CasePatch['status'][]> = {
  open: ['investigating', 'transferred', 'closed'],
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

/** What the measure form holds: a review flag's last day is picked as a date. */
type MeasureValues = Omit<MeasureRequest, 'kind'> & { kind: MeasureKind; until?: Dayjs };

const toRequest = ({ until, ...v }: MeasureValues): MeasureRequest =>
  v.kind === 'agent-review-flag'
    ? { ...v, kind: v.kind, until: until!.format('YYYY-MM-DD') }
    : { ...v, kind: v.kind };

/** A measure against one person; the case's members are offered as identity numbers. */
export function MeasureForm({ id, people }: { id: string; people: string[] }) {
  const { t } = useLanguage();
  const [form] = Form.useForm<MeasureValues>();
  const kind = Form.useWatch('kind', form);
  const add = useAddMeasure(id);
  const required = useRequired();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const reasons = useRefusalReasons();
  const submit = (v: MeasureValues) =>
    add.mutate(toRequest(v), {
      onSuccess: (application) => {
        if (application.status === 'refused') {
          const items = application.refusal?.items ?? [];
          void message.error(reasons(items) || t('antifraud.measureRefused'));
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
          data-testid="measure-kind"
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
      {kind === 'agent-review-flag' && (
        <Form.Item
          name="until"
          label={t('antifraud.until')}
          rules={[
            { required: true, message: t('antifraud.required', { field: t('antifraud.until') }) },
          ]}
        >
          <DatePicker
            disabledDate={(d) => d.format('YYYY-MM-DD') < todayInBeijing()}
            style={{ width: 280 }}
            data-testid="measure-until"
          />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('antifraud.note')}>
        <Input maxLength={500} style={{ width: 420 }} />
      </Form.Item>
      <Button htmlType="submit" loading={add.isPending} data-testid="save-measure">
        {t('antifraud.saveMeasure')}
      </Button>
    </Form>
  );
}

/** Lifts a standing review flag before its last day, with the reason on file. */
export function LiftMeasureButton({ id, applicationId }: { id: string; applicationId: string }) {
  const { t } = useLanguage();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<MeasureLift>();
  const lift = useLiftMeasure(id, applicationId);
  const required = useRequired();
  const saved = useSaved('antifraud.lifted', () => {
    form.resetFields();
    setOpen(false);
  });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="lift-measure">
        {t('antifraud.lift')}
      </Button>
      <Modal
        open={open}
        title={t('antifraud.liftTitle')}
        okText={t('antifraud.lift')}
        confirmLoading={lift.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => lift.mutate({ note: v.note.trim() }, saved)}
        >
          <Form.Item
            name="note"
            label={t('antifraud.liftNote')}
            rules={required('antifraud.liftNote')}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="lift-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
