import type { Locale } from 'antd/es/locale';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { en } from '../i18n/en.ts';
import { zhCN as zhCNResources } from '../i18n/zh-CN.ts';

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

/**
 * The password field's show/hide button says what it shows or hides: antd names it by its
 * `global.show` / `global.hide` alone ("显示" / "Show"), which says nothing out of sight of the
 * field (WCAG 2.4.6, 4.1.2). Its state is antd's `aria-pressed`; nothing else reads these words.
 */
function withPasswordToggle(
  locale: Locale,
  common: { showPassword: string; hidePassword: string },
) {
  const global = { ...locale.global, show: common.showPassword, hide: common.hidePassword };
  return { ...locale, global };
}

export const ANTD_LOCALES = {
  'zh-CN': withPasswordToggle(withNamedByText(zhCN), zhCNResources.common),
  en: withPasswordToggle(withNamedByText(enUS), en.common),
};
