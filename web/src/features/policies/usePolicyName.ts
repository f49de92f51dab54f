import { useLanguage } from '../../i18n/index.ts';
import type { PolicyKey } from './api.ts';

/** A policy's name as the server words it, in the current language. */
export function usePolicyName() {
  const { language } = useLanguage();
  return (k: PolicyKey) => (language === 'en' ? k.nameEn : k.nameZh);
}
