import { Alert, Button, Card, Descriptions, Radio, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { useErrorMessage } from '../../lib/errors.ts';
import { newUuid } from '../../lib/ids.ts';
import { useSubmitApplication, type ApplicationResponse } from '../applications/api.ts';
import { ApplicationResult } from '../applications/ApplicationResult.tsx';
import { useRenewalView } from './api.ts';

/**
 * One-stop renewal (R162 §63) for the person just examined: the licence as renewal needs it
 * (need to know: no driver file), the valid certificates, and the renewal itself.
 */
export function RenewalPanel({
  person,
  certificateNo,
}: {
  person: { idNumber: string; name: string } | null;
  certificateNo: string | null;
}) {
  const { t } = useLanguage();
  const describe = useErrorMessage();
  const view = useRenewalView(person?.idNumber ?? null);
  const submit = useSubmitApplication();
  const [chosen, setChosen] = useState<string | null>(certificateNo);
  const [answer, setAnswer] = useState<ApplicationResponse | null>(null);
  useEffect(() => {
    setChosen(certificateNo);
    setAnswer(null);
  }, [certificateNo]);
  if (!person) return null;
  const usable = (view.data?.certificates ?? []).filter((c) => !c.used && c.conclusion === 'fit');

  const renew = async () => {
    if (!chosen) return;
    const result = await submit
      .mutateAsync({
        businessType: 'licence.renew',
        applicant: person,
        data: { medicalCertificateNo: chosen },
        idempotencyKey: newUuid(),
      })
      .catch(() => null);
    if (result) setAnswer(result);
  };

  return (
    <Card size="small" title={t('driver.hospital.renewal')} data-testid="renewal-panel">
      {view.error && <Alert type="warning" showIcon title={describe(view.error)} />}
      {view.data && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('workstation.name')}>{view.data.name}</Descriptions.Item>
            <Descriptions.Item label={t('driver.class')}>
              {view.data.classes.join(', ')}
            </Descriptions.Item>
            <Descriptions.Item label={t('driver.licence.status')}>
              {t(`driver.licence.statuses.${view.data.status}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('driver.licence.validUntil')}>
              {view.data.validUntil ?? t('driver.result.longTerm')}
            </Descriptions.Item>
            {view.data.renewableFrom && (
              <Descriptions.Item label={t('driver.hospital.renewableWindow')}>
                {view.data.renewableFrom} ~ {view.data.renewableUntil}
              </Descriptions.Item>
            )}
          </Descriptions>
          {usable.length ? (
            <Radio.Group
              value={chosen}
              onChange={(e) => setChosen(e.target.value as string)}
              aria-label={t('driver.medicalCertificateNo')}
              options={usable.map((c) => ({
                value: c.certificateNo,
                label: `${c.certificateNo} (${c.examinedOn} ~ ${c.validUntil})`,
              }))}
            />
          ) : (
            <Alert type="info" showIcon title={t('driver.hospital.noCertificate')} />
          )}
          {!answer && (
            <Button
              type="primary"
              disabled={!chosen || submit.isPending}
              onClick={renew}
              data-testid="renew-licence"
            >
              {t('driver.hospital.renew')}
            </Button>
          )}
          {submit.error && <Alert type="error" showIcon title={describe(submit.error)} />}
          {answer && <ApplicationResult application={answer} />}
        </Space>
      )}
    </Card>
  );
}
