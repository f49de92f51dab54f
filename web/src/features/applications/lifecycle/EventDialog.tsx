import { Alert, App, Form, Modal } from 'antd';
import { useState } from 'react';
import { WITHDRAW_EVENT } from '#shared/lifecycles.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { ApiError } from '../../../lib/api.ts';
import { useErrorMessage } from '../../../lib/errors.ts';
import { useFocusReturn } from '../../../lib/useFocusReturn.ts';
import { BUSINESS_FORMS, type DataValues } from '../../workstation/business/index.ts';
import {
  changedPaths,
  detailsToFields,
  issuesToFields,
  mergeFieldErrors,
  type FieldError,
} from '../../workstation/validation.ts';
import { useFireEvent, type ApplicationResponse, type Refusal } from '../api.ts';

/** An event the rules refused: its name, its notice, and when. */
export interface RefusedStep {
  name: string;
  refusal: Refusal;
  at: string;
}

/**
 * Fires one lifecycle event after asking for its data (the business type's event form), or after
 * a confirmation when it takes none; the withdrawal asks to confirm it, as it cannot be undone.
 * The data is checked as the server will check it before anything is sent. A refused event
 * closes the dialog and hands its notice on; a conflict (409) or denial (403) is shown here.
 */
export function EventDialog({
  application,
  event,
  onClose,
  onRefused,
}: {
  application: ApplicationResponse;
  event: string;
  onClose: () => void;
  onRefused: (step: RefusedStep) => void;
}) {
  const { t, language, businessTypeName, eventName } = useLanguage();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const [form] = Form.useForm<{ data?: DataValues }>();
  useFocusReturn();
  const fire = useFireEvent(application.id);
  const [problem, setProblem] = useState<string | null>(null);
  const dataForm = BUSINESS_FORMS.get(application.businessType)?.events?.[event];
  const name = eventName(application.businessType, event);
  const withdrawal = event === WITHDRAW_EVENT;
  // Paths come from the schema's issues and the server's details, so they are not typed.
  const showErrors = (fields: FieldError[]) =>
    form.setFields(fields as Parameters<typeof form.setFields>[0]);

  const submit = async () => {
    setProblem(null);
    let data: Record<string, unknown> = {};
    if (dataForm) {
      const checked = dataForm.schema.safeParse(dataForm.toData(form.getFieldValue('data') ?? {}));
      if (!checked.success) {
        showErrors(mergeFieldErrors(issuesToFields(checked.error.issues, 'data', language, t)));
        return;
      }
      data = checked.data;
    }
    try {
      const answer = await fire.mutateAsync({ event, data });
      onClose();
      if (answer.event.refusal) {
        void message.warning(t('lifecycle.refusedToast', { event: name }));
        onRefused({ name, refusal: answer.event.refusal, at: new Date().toISOString() });
      } else {
        void message.success(t('lifecycle.done', { event: name }));
      }
    } catch (e) {
      const known = (dataForm?.fieldPaths ?? []).map((f) => `data.${f}`);
      const { fields } =
        e instanceof ApiError
          ? detailsToFields(e.details, (p) => known.includes(p))
          : { fields: [] };
      showErrors(fields);
      if (!fields.length) setProblem(describe(e));
    }
  };

  return (
    <Modal
      open
      title={name}
      okText={withdrawal ? t('lifecycle.withdraw') : t('lifecycle.fire')}
      okButtonProps={{ danger: withdrawal }}
      cancelText={t('common.cancel')}
      confirmLoading={fire.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed) =>
          showErrors(changedPaths(changed).map((path) => ({ name: path, errors: [] })))
        }
        data-testid="event-form"
      >
        {withdrawal ? (
          <p>
            {t('lifecycle.withdrawConfirm', {
              business: businessTypeName(application.businessType),
            })}
          </p>
        ) : dataForm ? (
          <dataForm.Fields application={application} />
        ) : (
          <p>{t('lifecycle.confirm', { event: name })}</p>
        )}
      </Form>
      {problem && <Alert type="error" showIcon title={problem} data-testid="event-problem" />}
    </Modal>
  );
}
