import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Skeleton, Space } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useLanguage } from '../../i18n/index.ts';
import { useErrorMessage } from '../../lib/errors.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useApplication } from './api.ts';
import { ApplicationResult } from './ApplicationResult.tsx';
import { applicationReference } from './reference.ts';

/** One stored application by id: its result, or its refusal notice ready to print again. */
export default function ApplicationPage() {
  const { id = '' } = useParams();
  const { t, businessTypeName } = useLanguage();
  const navigate = useNavigate();
  const describe = useErrorMessage();
  const { data, error } = useApplication(id);
  // Named as people refer to it: the business and its notice or document number.
  usePageTitle(
    data ? `${businessTypeName(data.businessType)} ${applicationReference(data)}` : null,
  );
  const back = (
    <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate(-1)}>
      {t('common.back')}
    </Button>
  );
  if (error) {
    return (
      <Space orientation="vertical">
        <Alert type="error" showIcon title={describe(error)} />
        {back}
      </Space>
    );
  }
  if (!data) return <Skeleton active />;
  return <ApplicationResult application={data} extra={back} />;
}
