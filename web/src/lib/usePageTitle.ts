import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The browser tab names the page, then the platform (WCAG 2.4.2 Page Titled). */
export function usePageTitle(title: string | null) {
  const { t } = useTranslation();
  const platform = t('common.appTitle');
  useEffect(() => {
    document.title = title ? `${title} - ${platform}` : platform;
  }, [title, platform]);
}
