import { Button } from 'antd';
import { useLanguage, type Language } from '../../i18n/index.ts';

/**
 * One button to the other language (one Tab stop), kept in localStorage. It shows the other
 * language's name in itself (`lang`, so that 中文 is read in Chinese on an English page) and is
 * named, in the current language, by that name and what pressing it does (WCAG 2.5.3: the name
 * starts with what is shown). Its test id names the language it switches to.
 */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useLanguage();
  const other: Language = language === 'en' ? 'zh-CN' : 'en';
  const label = other === 'en' ? t('common.languageEn') : t('common.languageZh');
  return (
    <Button
      size="small"
      data-testid={other === 'en' ? 'lang-en' : 'lang-zh'}
      aria-label={t('common.switchLanguage', { label })}
      onClick={() => setLanguage(other)}
    >
      <span lang={other}>{label}</span>
    </Button>
  );
}
