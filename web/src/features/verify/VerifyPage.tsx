import { CheckCircleFilled, CloseCircleFilled, StopFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Result, Skeleton } from 'antd';
import { Link, useParams } from 'react-router';
import type { Verification } from '#shared/schemas/documents.ts';
import { useLanguage } from '../../i18n/index.ts';
import { api } from '../../lib/api.ts';
import { formatInstant } from '../../lib/dates.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';

/** Public page behind a document's or notice's verification link: genuine, and still valid? */
export default function VerifyPage() {
  const { token = '' } = useParams();
  const { t } = useLanguage();
  usePageTitle(t('verify.title'));
  const { data, isError } = useQuery({
    queryKey: ['verify', token],
    queryFn: () => api<Verification>(`/verify/${encodeURIComponent(token)}`),
  });
  const kind = data?.kind ? t(`application.docKinds.${data.kind}`) : '';
  const genuine = !!data?.valid && !isError;

  let result;
  if (!data && !isError) result = <Skeleton active />;
  else if (!genuine) {
    result = (
      <Result
        status="error"
        icon={<CloseCircleFilled aria-hidden />}
        title={t('verify.invalid')}
        subTitle={t('verify.invalidDesc')}
      />
    );
  } else if (data?.status === 'void') {
    result = (
      <Result
        status="warning"
        icon={<StopFilled aria-hidden />}
        title={t('verify.void')}
        subTitle={t('verify.voidDesc', { kind, at: formatInstant(data.voidedAt) })}
      />
    );
  } else {
    result = (
      <Result
        status="success"
        icon={<CheckCircleFilled aria-hidden />}
        title={t('verify.valid')}
        subTitle={t('verify.validDesc', { kind })}
      />
    );
  }

  return (
    <div className="verify-page">
      <div className="verify-top">
        <strong>{t('verify.title')}</strong>
        <LanguageSwitch />
      </div>
      <Card
        className="verify-card"
        data-testid="verify-result"
        data-status={genuine ? data?.status : 'invalid'}
      >
        {result}
        {genuine && data && (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('verify.kind')}>{kind}</Descriptions.Item>
            <Descriptions.Item label={t('verify.number')}>
              <span data-testid="verify-number">{data.number}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('verify.issuedAt')}>
              {formatInstant(data.issuedAt)}
            </Descriptions.Item>
            {data.voidedAt && (
              <Descriptions.Item label={t('verify.voidedAt')}>
                {formatInstant(data.voidedAt)}
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
        <div className="verify-home">
          <Link to="/">{t('verify.home')}</Link>
        </div>
      </Card>
    </div>
  );
}
