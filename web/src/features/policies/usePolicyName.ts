import { useLanguage } from '../../i18n/index.ts';
import type { PolicyKey } from './api.ts';

/** A policy's name from the resources; the server's Chinese name for keys added later. */
export function usePolicyName() {
  const { t, i18n } = useLanguage();
  return (k: PolicyKey) => {
    const key = `policies.keys.${k.key}`;
    return i18n.exists(key) ? t(key) : k.nameZh;
  };
}
