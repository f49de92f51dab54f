import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CarOutlined,
  ClusterOutlined,
  ExperimentOutlined,
  FieldTimeOutlined,
  EyeOutlined,
  FileProtectOutlined,
  LikeOutlined,
  LogoutOutlined,
  MenuOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useState } from 'react';
import { OFFICE_CATEGORIES } from '#shared/catalog.ts';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useLanguage } from '../../i18n/index.ts';
import { hasRole, type User } from '../auth/api.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { useCounties } from '../network/useNames.ts';
import { driverMenu } from '../drivers/menu.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

type MenuItem = Required<MenuProps>['items'][number] & { key: string };

/** Outlets whose work is not about vehicles (the server shows them no vehicle either). */
const NO_VEHICLES = ['hospital', 'exam-site'];

function menuFor(user: User, t: (key: string) => string): MenuItem[] {
  const items: MenuItem[] = [];
  const category = user.outletCategory;
  if (hasRole(user, 'clerk')) {
    items.push({
      key: '/workstation',
      icon: <AuditOutlined aria-hidden />,
      label: t('menu.workstation'),
    });
  }
  items.push(...driverMenu(user, t));
  if (category === 'inspection-station') {
    items.push({
      key: '/inspections',
      icon: <ExperimentOutlined aria-hidden />,
      label: t('menu.inspections'),
    });
  }
  if (hasRole(user, 'admin', 'supervisor') || (category && OFFICE_CATEGORIES.includes(category))) {
    items.push({ key: '/lane', icon: <FieldTimeOutlined aria-hidden />, label: t('menu.lane') });
  }
  if (!category || !NO_VEHICLES.includes(category)) {
    items.push({ key: '/vehicles', icon: <CarOutlined aria-hidden />, label: t('menu.vehicles') });
  }
  // Service quality: a clerk sees its outlet's, supervisors and administrators their scope's.
  if (hasRole(user, 'clerk', 'supervisor', 'admin')) {
    items.push({ key: '/service', icon: <LikeOutlined aria-hidden />, label: t('menu.service') });
  }
  if (hasRole(user, 'supervisor')) {
    items.push({
      key: '/supervision',
      icon: <EyeOutlined aria-hidden />,
      label: t('menu.supervision'),
    });
    items.push({
      key: '/antifraud',
      icon: <AlertOutlined aria-hidden />,
      label: t('antifraud.menu'),
    });
  }
  if (hasRole(user, 'admin', 'supervisor')) {
    items.push(
      { key: '/admin/network', icon: <ClusterOutlined aria-hidden />, label: t('menu.network') },
      { key: '/admin/agreements', icon: <ShopOutlined aria-hidden />, label: t('menu.agreements') },
      {
        key: '/admin/delegation',
        icon: <ApartmentOutlined aria-hidden />,
        label: t('menu.delegation'),
      },
      { key: '/admin/policies', icon: <SettingOutlined aria-hidden />, label: t('menu.policies') },
    );
  }
  if (hasRole(user, 'admin')) {
    items.push({ key: '/admin/users', icon: <TeamOutlined aria-hidden />, label: t('users.menu') });
  }
  return items;
}

/** Sider with the role's menu; header with the user, the outlet and the language switch. */
export function AppLayout() {
  const { t } = useLanguage();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const { countyName } = useCounties(user?.scope.level === 'county');
  // Below the lg breakpoint the menu folds away. antd's own trigger there is a span that the
  // keyboard cannot reach, so the header has a real button for it.
  const [narrow, setNarrow] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  if (!user) return null;
  const items = menuFor(user, t);
  const selected = items.find((i) => location.pathname.startsWith(i.key))?.key;
  const where =
    user.outletName ??
    (user.scope.level === 'county'
      ? t('header.scopeCounty', { county: countyName(user.scope.code) })
      : t('header.scopeCity'));

  return (
    <Layout className="app-layout">
      <Layout.Sider
        id="app-menu"
        breakpoint="lg"
        collapsedWidth={0}
        collapsed={narrow && !menuOpen}
        onBreakpoint={setNarrow}
        trigger={null}
        width={208}
        className="app-chrome"
      >
        <div className="app-brand">
          <FileProtectOutlined aria-hidden /> {t('common.appName')}
        </div>
        <Menu
          // The menu takes the keyboard's focus as one control (its items by the arrow keys):
          // without a name a screen reader announced only "menu".
          aria-label={t('common.menu')}
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={selected ? [selected] : []}
          onClick={({ key }) => {
            setMenuOpen(false);
            navigate(key);
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header app-chrome">
          <Space>
            {narrow && (
              <Button
                type="text"
                icon={<MenuOutlined aria-hidden />}
                aria-label={t('common.menu')}
                aria-expanded={menuOpen}
                aria-controls="app-menu"
                onClick={() => setMenuOpen(!menuOpen)}
                data-testid="menu-toggle"
              />
            )}
            <Typography.Text strong className="app-title">
              {t('common.appTitle')}
            </Typography.Text>
          </Space>
          <Space size="middle" wrap>
            <span data-testid="user-name">{user.displayName}</span>
            <Typography.Text type="secondary" data-testid="user-outlet">
              {where}
            </Typography.Text>
            <LanguageSwitch />
            <Button icon={<LogoutOutlined aria-hidden />} onClick={logout} size="small">
              {t('common.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
