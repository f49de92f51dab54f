import { useLanguage } from '../../i18n/index.ts';
import { useNetworkSummary, type Region } from './api.ts';

/** Counties of the summary (readable by admins and supervisors) (the city excluded) and their names in the current language. */
export function useCounties(enabled = true) {
  const { language } = useLanguage();
  const { data } = useNetworkSummary(enabled);
  const counties: Region[] = (data?.regions ?? []).filter((r) => r.parentCode !== null);
  const nameOf = (code: string) => {
    const region = data?.regions.find((r) => r.code === code);
    if (!region) return code;
    return language === 'en' ? region.nameEn : region.name;
  };
  return { counties, countyName: nameOf };
}

/** An organisation's name from the summary; its code only until the summary has arrived. */
export function useOrganisationName() {
  const { data } = useNetworkSummary();
  return (code: string) => data?.organisations.find((o) => o.code === code)?.name ?? code;
}
