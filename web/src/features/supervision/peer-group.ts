import { useLanguage } from '../../i18n/index.ts';
import { peerGroupKey } from './evidence-format.ts';

/** A peer group's name in the current language. */
export function usePeerGroupName() {
  const { t } = useLanguage();
  return (group: string) => t(peerGroupKey(group));
}
