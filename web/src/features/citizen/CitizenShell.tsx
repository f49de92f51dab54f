import { Alert, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';

/** The frame of the citizen pages: one column, the portal's name, the language and actions. */
export function CitizenShell({ actions, children }: { actions?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="citizen-page">
      <header className="citizen-header">
        <Typography.Title level={1} className="citizen-title">
          {t('citizen.portal')}
        </Typography.Title>
        <span className="citizen-actions">
          <LanguageSwitch />
          {actions}
        </span>
      </header>
      <main>{children}</main>
    </div>
  );
}

/** The answer to an action, announced to screen readers. */
export function Outcome({ ok, text }: { ok: boolean; text: string }) {
  return (
    <Alert
      className="citizen-row"
      type={ok ? 'success' : 'warning'}
      title={text}
      showIcon
      role="status"
    />
  );
}
