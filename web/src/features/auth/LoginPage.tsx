import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { useErrorMessage } from '../../lib/errors.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { homeOf, useInstallation } from './api.ts';
import { useAuth } from './AuthContext.tsx';
import { PasswordInput } from '../../lib/PasswordInput.tsx';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const describe = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t('login.submit'));
  const offices = useInstallation().data?.offices ?? [];
  const english = i18n.language.startsWith('en');
  // One office: its name; several (or none yet): the platform's own.
  const officeName =
    offices.length === 1
      ? english
        ? offices[0]!.officeNameEn
        : offices[0]!.officeName
      : t('login.platform');

  if (user) return <Navigate to={homeOf(user)} replace />;

  const onFinish = async (values: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      const me = await login(values.username, values.password);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/login' ? from : homeOf(me), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') setError(t('login.wrongPair'));
      else if (e instanceof ApiError && e.code === 'RATE_LIMITED') setError(t('login.rateLimited'));
      else setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    // The page's one landmark and first heading: a screen reader's user reaches the form by
    // either, as on every other page (axe: landmark-one-main, page-has-heading-one, region).
    <main className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <Card className="login-card">
        <Typography.Title level={1} className="login-title">
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('login.subtitle', { office: officeName })}
        </Typography.Paragraph>
        {error && <Alert type="error" title={error} showIcon className="login-error" />}
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <PasswordInput prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="login-hint">
          {t('login.demoHint')}
        </Typography.Paragraph>
        <Typography.Paragraph className="login-hint">
          <Link to="/citizen/register">{t('citizen.noAccount')}</Link>
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
