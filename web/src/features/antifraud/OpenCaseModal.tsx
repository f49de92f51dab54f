import { App, Form, Input, Modal } from 'antd';
import { useNavigate } from 'react-router';
import { useLanguage } from '../../i18n/index.ts';
import { useErrorToast } from '../../lib/errors.ts';
import { useOpenCase, type Finding } from './api.ts';
import { useRequired } from './CaseForms.tsx';

/** 立案: a case from one finding, titled by the supervisor; then the case file opens. */
export function OpenCaseModal({
  finding,
  open,
  onClose,
}: {
  finding: Finding;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useLanguage();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const navigate = useNavigate();
  const openCase = useOpenCase();
  const [form] = Form.useForm<{ title: string }>();
  const required = useRequired();
  const submit = async () => {
    const { title } = await form.validateFields();
    openCase.mutate(
      { title, findingIds: [finding.id] },
      {
        onSuccess: (c) => {
          void message.success(t('antifraud.caseOpened'));
          onClose();
          void navigate(`/antifraud/cases/${c.id}`);
        },
        onError: toast,
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('antifraud.openCaseTitle')}
      okText={t('antifraud.openCase')}
      okButtonProps={{ loading: openCase.isPending, 'data-testid': 'confirm-open-case' }}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          title: t('antifraud.caseTitleDefault', { kind: t(`antifraud.kinds.${finding.kind}`) }),
        }}
      >
        <Form.Item
          name="title"
          label={t('antifraud.caseTitle')}
          rules={required('antifraud.caseTitle')}
        >
          <Input maxLength={200} data-testid="case-title" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
