import type { TabsProps } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The words antd's tabs give screen readers, in the page's language. antd passes the tabs no
 * locale of its own, and the list of the tabs that do not fit (a phone's supervision centre)
 * was announced as "expanded dropdown" in Chinese mode; its button is named by its icon
 * (lib/icons, "更多").
 */
export function useTabsLocale(): TabsProps['locale'] {
  const { t } = useTranslation();
  return { dropdownAriaLabel: t('common.moreTabs') };
}
