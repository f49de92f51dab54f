/** The notice series that have titles of their own, by their numbers' prefix (GZ: refusal). */
const NOTICE_SERIES = new Set(['SL', 'ZX', 'DY']);

/**
 * The i18n key of a document's title: its kind's, or for a notice the title of the series its
 * number names. The API answers every notice as `notice` (CONTRACT.md); an acceptance notice
 * (SL), a deregistration certificate (ZX) and an earlier mortgage record (DY) are notices of
 * their own series, the refusal notice (GZ) the kind's own title.
 */
export function documentTitleKey(kind: string, number: string | null | undefined): string {
  const series = number?.slice(0, 2) ?? '';
  return kind === 'notice' && NOTICE_SERIES.has(series)
    ? `application.noticeSeries.${series}`
    : `application.docKinds.${kind}`;
}
