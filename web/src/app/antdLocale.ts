import type { Locale } from 'antd/es/locale';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';

/**
 * antd's words in the page's language, but for a calendar's year and month buttons: antd names
 * them "选择年份" / "Choose a year" while they show "2026年" / "2026", and a speech-input user who
 * says what is written reached nothing (WCAG 2.5.3, a name containing the visible text). Without
 * that name, the button is named by what it shows.
 */
function withNamedByText(locale: Locale): Locale {
  const picker = locale.DatePicker;
  if (!picker) return locale;
  // An empty aria-label names nothing: the text inside names the button.
  const lang = { ...picker.lang, yearSelect: '', monthSelect: '' };
  return { ...locale, DatePicker: { ...picker, lang } };
}

export const ANTD_LOCALES = { 'zh-CN': withNamedByText(zhCN), en: withNamedByText(enUS) };
