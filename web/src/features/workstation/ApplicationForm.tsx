import { Alert, Button, Card, Divider, Form, Space, Switch, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { ApiError, type ErrorDetail } from '../../lib/api.ts';
import { useErrorMessage } from '../../lib/errors.ts';
import { newUuid } from '../../lib/ids.ts';
import { useSubmitApplication, type ApplicationResponse } from '../applications/api.ts';
import type { BusinessForm } from './business/index.ts';
import { PersonFields } from './PersonFields.tsx';
import { checkApplication, formFieldPaths, type FormValues } from './request.ts';
import { changedPaths, detailsToFields, type FieldError } from './validation.ts';

interface Props {
  business: BusinessForm;
  agentAllowed: boolean;
  onAnswer: (application: ApplicationResponse) => void;
}

/**
 * Applicant, optional agent and the business data, checked with the shared schemas before
 * sending. One idempotency key per intended submission: a retry of the same body after a
 * failure without an answer reuses it; any answer (completed, refused, invalid) ends it.
 * A field's error message goes as soon as its value changes: it described the old value.
 */
export function ApplicationForm({ business, agentAllowed, onAnswer }: Props) {
  const { t, language } = useLanguage();
  const [form] = Form.useForm<FormValues>();
  const describe = useErrorMessage();
  const submit = useSubmitApplication();
  const pending = useRef<{ key: string; body: string } | null>(null);
  const [problem, setProblem] = useState<{ title: string; details: ErrorDetail[] } | null>(null);
  const [answers, setAnswers] = useState(0);
  const withAgent = Form.useWatch('withAgent', form);
  // Paths come from the schemas' issues and the server's details, so they are not typed.
  const showErrors = (fields: FieldError[]) =>
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
  const clearErrors = (changed: unknown) =>
    showErrors(changedPaths(changed).map((name) => ({ name, errors: [] })));

  const onFinish = async () => {
    setProblem(null);
    const checked = checkApplication(business, form.getFieldsValue(true), language, t);
    if (!checked.ok) {
      showErrors(checked.fields);
      setProblem({ title: t('workstation.fixErrors'), details: [] });
      return;
    }
    const body = JSON.stringify(checked.request);
    if (pending.current?.body !== body) pending.current = { key: newUuid(), body };
    try {
      const answer = await submit.mutateAsync({
        ...checked.request,
        idempotencyKey: pending.current.key,
      });
      pending.current = null;
      setAnswers((n) => n + 1);
      onAnswer(answer);
    } catch (e) {
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) pending.current = null;
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        const known = formFieldPaths(business);
        const { fields, rest } = detailsToFields(e.details, (p) => known.includes(p));
        showErrors(fields);
        setProblem({ title: describe(e), details: rest });
      } else {
        setProblem({ title: describe(e), details: [] });
      }
    }
  };

  return (
    <Card size="small">
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onValuesChange={clearErrors}
        initialValues={{ withAgent: false, data: business.initialValues }}
        data-testid="application-form"
      >
        <Typography.Title level={5}>{t('workstation.applicant')}</Typography.Title>
        <PersonFields prefix="applicant" />
        {agentAllowed && (
          <Form.Item name="withAgent" label={t('workstation.withAgent')} valuePropName="checked">
            <Switch data-testid="with-agent" />
          </Form.Item>
        )}
        {agentAllowed && withAgent && (
          <>
            <Typography.Title level={5}>{t('workstation.agent')}</Typography.Title>
            <PersonFields prefix="agent" />
          </>
        )}
        <Divider />
        <Typography.Title level={5}>{t('workstation.business')}</Typography.Title>
        <business.Fields />
        {problem && (
          <Alert
            type="error"
            showIcon
            className="form-problem"
            title={problem.title}
            description={
              problem.details.length ? (
                <ul>
                  {problem.details.map((d) => (
                    <li key={d.path}>{`${d.path}: ${d.message}`}</li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        )}
        <Space>
          <Button
            // A new button after each answer: antd's spinner would otherwise stay half-faded
            // (and named "loading") while the form was hidden behind the answer.
            key={answers}
            type="primary"
            htmlType="submit"
            loading={submit.isPending}
            data-testid="submit"
          >
            {t('workstation.submit')}
          </Button>
          <Button onClick={() => form.resetFields()}>{t('workstation.reset')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
