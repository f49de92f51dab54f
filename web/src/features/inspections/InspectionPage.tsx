import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { z } from 'zod';
import {
  inspectionRequestSchema,
  type inspectionCreatedSchema,
  type InspectionRequest,
} from '#shared/schemas/vehicles.ts';
import { useLanguage } from '../../i18n/index.ts';
import { api, ApiError } from '../../lib/api.ts';
import { enterOnlyConfirms } from '../../lib/enterOnlyConfirms.ts';
import { useErrorMessage } from '../../lib/errors.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { text } from '../workstation/business/definition.ts';
import { detailsToFields, issuesToFields, mergeFieldErrors } from '../workstation/validation.ts';

type Created = z.infer<typeof inspectionCreatedSchema>;
const ITEM_CODES = ['brake', 'lighting', 'steering', 'chassis', 'emission', 'body', 'speedometer'];
const RESULTS = ['pass', 'fail'] as const;

interface Values {
  plate?: string;
  vin?: string;
  result?: 'pass' | 'fail';
  items?: { code?: string; result?: 'pass' | 'fail'; note?: string }[];
  startedAt?: Dayjs | null;
  finishedAt?: Dayjs | null;
  inspector?: string;
  photoHashes?: string;
}

/** An instant picked in Beijing time, as ISO 8601 with its offset. */
const instant = (d: Dayjs | null | undefined) => d?.utcOffset(480).format();

const toRequest = (v: Values) => ({
  plate: text(v.plate),
  vin: text(v.vin),
  result: v.result,
  items: (v.items ?? []).map((i) => ({ code: i.code, result: i.result, note: text(i.note) })),
  startedAt: instant(v.startedAt),
  finishedAt: instant(v.finishedAt),
  inspector: text(v.inspector),
  photoHashes: (v.photoHashes ?? '')
    .split(/\s+/)
    .map((h) => h.trim())
    .filter(Boolean),
});

/**
 * An inspection station records a safety inspection as it was done (CONTRACT.md
 * "Inspections"): the vehicle, each item's result, start and finish, the inspector and the
 * photos' digests, the raw data that registration, marks and supervision rely on.
 */
export default function InspectionPage() {
  const { t, language } = useLanguage();
  usePageTitle(t('inspection.title'));
  const describe = useErrorMessage();
  const [form] = Form.useForm<{ data: Values }>();
  const [problem, setProblem] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: (body: InspectionRequest) => api<Created>('/inspections', { method: 'POST', body }),
  });
  const showErrors = (fields: { name: (string | number)[]; errors: string[] }[]) =>
    form.setFields(fields as Parameters<typeof form.setFields>[0]);

  const submit = async () => {
    setProblem(null);
    const checked = inspectionRequestSchema.safeParse(toRequest(form.getFieldValue('data') ?? {}));
    if (!checked.success) {
      showErrors(mergeFieldErrors(issuesToFields(checked.error.issues, 'data', language, t)));
      return;
    }
    try {
      await record.mutateAsync(checked.data);
    } catch (e) {
      if (e instanceof ApiError) {
        showErrors(
          detailsToFields(e.details, () => true).fields.map((f) => ({
            ...f,
            name: ['data', ...f.name],
          })),
        );
      }
      setProblem(describe(e));
    }
  };

  if (record.data) {
    return (
      <Card data-testid="inspection-recorded">
        <Result
          status="success"
          title={t('inspection.recorded')}
          subTitle={
            <span data-testid="inspection-report-no">
              {t('inspection.reportNo', { reportNo: record.data.reportNo })}
            </span>
          }
          extra={
            <Button
              type="primary"
              onClick={() => {
                record.reset();
                form.resetFields();
              }}
            >
              {t('inspection.next')}
            </Button>
          }
        />
      </Card>
    );
  }

  const options = <T extends string>(codes: readonly T[], group: string) =>
    codes.map((c) => ({ value: c, label: t(`inspection.${group}.${c}`) }));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('inspection.title')}</Typography.Title>
      <Card size="small">
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          data-testid="inspection-form"
          initialValues={{
            data: { result: 'pass', items: ITEM_CODES.map((code) => ({ code, result: 'pass' })) },
          }}
        >
          <Typography.Title level={4}>{t('inspection.vehicle')}</Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name={['data', 'plate']}
                label={t('inspection.plate')}
                extra={t('inspection.vehicleHint')}
              >
                <Input maxLength={10} autoComplete="off" data-testid="inspection-plate" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['data', 'vin']} label={t('inspection.vin')}>
                <Input maxLength={17} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['data', 'startedAt']} label={t('inspection.startedAt')} required>
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  style={{ width: '100%' }}
                  onKeyDown={enterOnlyConfirms}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['data', 'finishedAt']} label={t('inspection.finishedAt')} required>
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  style={{ width: '100%' }}
                  onKeyDown={enterOnlyConfirms}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['data', 'inspector']} label={t('inspection.inspector')} required>
                <Input maxLength={64} data-testid="inspection-inspector" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Title level={4}>{t('inspection.items')}</Typography.Title>
          <Form.List name={['data', 'items']}>
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, n) => (
                  <Row gutter={8} key={field.key} align="bottom">
                    <Col xs={24} md={7}>
                      <Form.Item name={[field.name, 'code']} label={t('inspection.itemCode')}>
                        <Select options={options(ITEM_CODES, 'itemCodes')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={5}>
                      <Form.Item name={[field.name, 'result']} label={t('inspection.itemResult')}>
                        <Select options={options(RESULTS, 'results')} />
                      </Form.Item>
                    </Col>
                    <Col xs={20} md={10}>
                      <Form.Item name={[field.name, 'note']} label={t('inspection.itemNote')}>
                        <Input maxLength={200} />
                      </Form.Item>
                    </Col>
                    <Col xs={4} md={2}>
                      <Form.Item>
                        <Button
                          icon={<DeleteOutlined aria-hidden />}
                          aria-label={t('inspection.removeItem', { n: n + 1 })}
                          onClick={() => remove(field.name)}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Form.Item>
                  <Button
                    icon={<PlusOutlined aria-hidden />}
                    onClick={() => add({ result: 'pass' })}
                  >
                    {t('inspection.addItem')}
                  </Button>
                </Form.Item>
              </>
            )}
          </Form.List>
          <Form.Item name={['data', 'result']} label={t('inspection.result')} required>
            <Radio.Group options={options(RESULTS, 'results')} data-testid="inspection-result" />
          </Form.Item>
          <Form.Item
            name={['data', 'photoHashes']}
            label={`${t('inspection.photoHashes')} (${t('common.optional')})`}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
          {problem && <Alert type="error" showIcon title={problem} className="form-problem" />}
          <Button
            type="primary"
            htmlType="submit"
            loading={record.isPending}
            data-testid="inspection-submit"
          >
            {t('inspection.submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
