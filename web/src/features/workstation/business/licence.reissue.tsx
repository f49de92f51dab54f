import { Typography } from 'antd';
import { useLanguage } from '../../../i18n/index.ts';
import type { BusinessForm } from './definition.ts';

function LicenceReissueFields() {
  const { t } = useLanguage();
  return <Typography.Paragraph type="secondary">{t('driver.reissueNote')}</Typography.Paragraph>;
}

/** 驾驶证补证: nothing but the applicant's identity (R162 §69). */
export const drivingLicenceReissue: BusinessForm<'licence.reissue'> = {
  type: 'licence.reissue',
  Fields: LicenceReissueFields,
  toData: () => ({}),
  fieldPaths: [],
};
