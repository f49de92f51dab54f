import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { businessTypeInfo } from '#shared/catalog.ts';
import { lifecycleOf, ONSITE_EVENT, stageOf, WITHDRAW_EVENT } from '#shared/lifecycles.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';
import { legalBasisEn } from './legalBasis.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'cheguan.lang';

function storedLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
}

function applyLanguage(lng: string) {
  document.documentElement.lang = lng;
  document.title = i18n.t('common.appTitle');
  dayjs.locale(lng === 'en' ? 'en' : 'zh-cn');
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});
applyLanguage(i18n.language);
i18n.on('languageChanged', (lng) => {
  localStorage.setItem(STORAGE_KEY, lng);
  applyLanguage(lng);
});

export default i18n;

/** The current language and helpers for names that come from shared data, not resources. */
export function useLanguage() {
  const { t, i18n: instance } = useTranslation();
  const language: Language = instance.language === 'en' ? 'en' : 'zh-CN';
  const named = (item: { nameZh: string; nameEn: string } | undefined, code: string) =>
    item ? (language === 'en' ? item.nameEn : item.nameZh) : code;
  return {
    t,
    i18n: instance,
    language,
    setLanguage: (lng: Language) => void instance.changeLanguage(lng),
    /** Business type name from the shared CATALOG, in the current language. */
    businessTypeName: (code: string) => named(businessTypeInfo(code), code),
    /** A legal basis the server cites in Chinese, in the current language (legalBasis.ts). */
    legalBasis: (basis: string) => (language === 'en' ? legalBasisEn(basis) : basis),
    /** A stage of a business type's lifecycle (shared/src/lifecycles.ts). */
    stageName: (type: string, stage: string) => named(stageOf(type, stage), stage),
    /** A lifecycle event; the withdrawal every lifecycle shares is named in the resources. */
    eventName: (type: string, event: string) =>
      event === WITHDRAW_EVENT
        ? t('lifecycle.withdraw')
        : event === ONSITE_EVENT
          ? t('lifecycle.onsite')
          : named(
              lifecycleOf(type)?.events.find((e) => e.code === event),
              event,
            ),
  };
}
