import { Alert, Descriptions, Drawer, Skeleton, Space, Typography } from 'antd';
import { useLanguage } from '../../i18n/index.ts';
import { hasRole } from '../auth/api.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { useOutletDelegation } from '../delegation/api.ts';
import { OutletGrants } from '../delegation/OutletGrants.tsx';
import { SuspensionControl } from '../delegation/SuspensionControl.tsx';
import { AgreementTable } from './AgreementTable.tsx';
import { hasHours, useOutlet, type OutletDetail } from './api.ts';
import { OutletStatusTag } from './OutletTable.tsx';
import { OutletHours } from './OutletHours.tsx';
import { SuspensionHistory } from './SuspensionHistory.tsx';
import { useCounties, useOrganisationName } from './useNames.ts';

/** One outlet: its data, hours, agreements, grants and suspensions; admins act on it here. */
export function OutletDrawer({ code, onClose }: { code: string | null; onClose: () => void }) {
  const { t } = useLanguage();
  const { data: outlet } = useOutlet(code);
  return (
    <Drawer
      open={!!code}
      onClose={onClose}
      size={760}
      title={outlet?.name ?? t('network.detail')}
      destroyOnHidden
    >
      {outlet && outlet.code === code ? <OutletBody outlet={outlet} /> : <Skeleton active />}
    </Drawer>
  );
}

function OutletBody({ outlet }: { outlet: OutletDetail }) {
  const { t } = useLanguage();
  const { user } = useAuth();
  const { countyName } = useCounties();
  const organisationName = useOrganisationName();
  // The parent by name: its code only while loading or outside a supervisor's scope.
  const parent = useOutlet(outlet.parentCode);
  const delegation = useOutletDelegation(outlet.code);
  const isAdmin = hasRole(user, 'admin');
  const section = (title: string) => <Typography.Title level={5}>{title}</Typography.Title>;

  return (
    <Space
      orientation="vertical"
      size="large"
      style={{ width: '100%' }}
      data-testid="outlet-drawer"
    >
      <Space wrap>
        <OutletStatusTag outlet={outlet} />
        {isAdmin && (
          <SuspensionControl outletCode={outlet.code} suspended={outlet.status === 'suspended'} />
        )}
      </Space>
      {outlet.suspension && (
        <Alert
          type="error"
          showIcon
          title={t('network.suspendedReason', { reason: outlet.suspension.reason })}
        />
      )}
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('network.code')}>{outlet.code}</Descriptions.Item>
        <Descriptions.Item label={t('network.category')}>
          {t(`category.${outlet.category}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('network.county')}>
          {countyName(outlet.countyCode)}
        </Descriptions.Item>
        <Descriptions.Item label={t('network.parent')}>
          {outlet.parentCode ? (parent.data?.name ?? outlet.parentCode) : t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('network.organisation')}>
          {outlet.organisationCode ? organisationName(outlet.organisationCode) : t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('network.phone')}>
          {outlet.phone || t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('network.address')} span={2}>
          {outlet.address || t('common.none')}
        </Descriptions.Item>
      </Descriptions>
      {hasHours(outlet.hours) && (
        <div>
          {section(t('network.hours'))}
          <OutletHours hours={outlet.hours} />
        </div>
      )}
      <div>
        {section(t('network.agreements'))}
        <AgreementTable agreements={outlet.agreements} label={t('network.agreements')} />
      </div>
      <div>
        {section(t('delegation.outletGrants'))}
        <OutletGrants
          outletCode={outlet.code}
          category={outlet.category}
          overrides={delegation.data?.overrides ?? []}
          editable={isAdmin}
        />
      </div>
      <div>
        {section(t('network.suspensions'))}
        <SuspensionHistory suspensions={delegation.data?.suspensions ?? []} />
      </div>
    </Space>
  );
}
