import { CloseCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/**
 * `allowClear` for a select or a text field, its button named in the current language. antd
 * names a select's clear button "Clear" in English whatever the language, and gives a text
 * field's none but its icon's; the icon (close-circle) cannot name itself, for antd draws the same
 * one beside the text of every error alert and message, where lib/icons hides it.
 */
export function useClearable() {
  const { t } = useTranslation();
  const label = t('common.clear');
  return { clearIcon: <CloseCircleFilled aria-label={label} />, label };
}
