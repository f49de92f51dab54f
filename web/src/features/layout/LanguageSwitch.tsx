import { Segmented } from 'antd';
import { useLanguage, type Language } from '../../i18n/index.ts';

/**
 * 中文 / EN; the choice is kept in localStorage. Each label names its language in itself, and says
 * which language it is in (`lang`), so that a screen reader reads 中文 in Chinese on an English page.
 */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useLanguage();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('common.language')}
      value={language}
      onChange={setLanguage}
      options={[
        {
          value: 'zh-CN',
          label: (
            <span lang="zh-CN" data-testid="lang-zh">
              {t('common.languageZh')}
            </span>
          ),
        },
        {
          value: 'en',
          label: (
            <span lang="en" data-testid="lang-en">
              {t('common.languageEn')}
            </span>
          ),
        },
      ]}
    />
  );
}
