import { CheckCircleFilled, CloseCircleFilled, StopFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Result, Skeleton, Space } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Verification } from '#shared/schemas/documents.ts';
import { useLanguage } from '../../i18n/index.ts';
import { api } from '../../lib/api.ts';
import { formatInstant } from '../../lib/dates.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { documentTitleKey } from '../applications/documentTitle.ts';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';

/**
 * Public page (no login) behind a document's verification link and QR code (/verify/{token}),
 * and where anyone checks a document by the number printed on it (/verify?number=…): genuine,
 * still valid, and issued by which office. Its links stay on public pages.
 */
export default function VerifyPage() {
  const { token } = useParams();
  const [search] = useSearchParams();
  const { t } = useLanguage();
  usePageTitle(t('verify.title'));
  const number = token ? null : search.get('number')?.trim() || null;
  return (
    // A public page of its own: its name is its first heading, the verdict its main landmark.
    <div className="verify-page">
      <header className="verify-top">
        <h1 className="verify-title">{t('verify.title')}</h1>
        <LanguageSwitch />
      </header>
      <main>
        <Card className="verify-card">
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {token ? (
              <Verdict path={`/verify/${encodeURIComponent(token)}`} />
            ) : (
              <>
                <NumberForm key={number} number={number} />
                {number && <Verdict path={`/verify/by-number/${encodeURIComponent(number)}`} />}
              </>
            )}
            {token && (
              <div className="verify-home">
                <Link to="/verify">{t('verify.another')}</Link>
              </div>
            )}
          </Space>
        </Card>
      </main>
    </div>
  );
}

/** The number printed on a document or notice; the address keeps it, so it can be shared. */
function NumberForm({ number }: { number: string | null }) {
  const { t } = useLanguage();
  const [, setSearch] = useSearchParams();
  return (
    <Form
      layout="vertical"
      initialValues={{ number: number ?? '' }}
      onFinish={({ number: typed }: { number: string }) => setSearch({ number: typed.trim() })}
      data-testid="verify-by-number"
    >
      <Form.Item
        name="number"
        label={t('verify.numberLabel')}
        rules={[{ required: true, whitespace: true, message: t('verify.numberRequired') }]}
      >
        <Input
          placeholder={t('verify.numberPlaceholder')}
          maxLength={64}
          autoComplete="off"
          data-testid="verify-number-input"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" data-testid="verify-check">
        {t('verify.check')}
      </Button>
    </Form>
  );
}

/** What the platform answers about a document: genuine and valid, void, or not genuine. */
function Verdict({ path }: { path: string }) {
  const { t } = useLanguage();
  const { data, isError } = useQuery({
    queryKey: ['verify', path],
    queryFn: () => api<Verification>(path),
  });
  const kind = data?.kind ? t(documentTitleKey(data.kind, data.number)) : '';
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
    <div data-testid="verify-result" data-status={genuine ? data?.status : 'invalid'}>
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
          {data.endorsements?.length ? (
            <Descriptions.Item label={t('verify.endorsements')}>
              <span data-testid="verify-endorsements">
                {data.endorsements
                  .map((e) => t(`verify.endorsementKinds.${e.what}`, { on: e.on }))
                  .join(t('common.reasonSeparator'))}
              </span>
            </Descriptions.Item>
          ) : null}
          {data.issuer?.office && (
            <Descriptions.Item label={t('verify.issuer')}>
              <span data-testid="verify-issuer">{data.issuer.office}</span>
            </Descriptions.Item>
          )}
          {data.issuer?.outlet && (
            <Descriptions.Item label={t('verify.issuerOutlet')}>
              {data.issuer.outlet}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
    </div>
  );
}
