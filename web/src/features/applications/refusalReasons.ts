import type { RefusalItem } from '#shared/schemas/applications.ts';
import { useLanguage } from '../../i18n/index.ts';

/**
 * The reasons of a refusal in one line, each with the article it rests on, in the page's
 * language: where a screen has no room for the whole notice (a toast, a citizen's outcome), the
 * refusal still says why and under which article (R162–R164: a refusal cites its article).
 */
export function useRefusalReasons() {
  const { t, language, legalBasis } = useLanguage();
  return (items: readonly RefusalItem[]): string =>
    items
      .map((i) =>
        t('common.withNote', {
          text: language === 'en' && i.messageEn ? i.messageEn : i.message,
          note: legalBasis(i.legalBasis),
        }),
      )
      .join(t('common.reasonSeparator'));
}
