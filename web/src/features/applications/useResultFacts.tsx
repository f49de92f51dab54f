import type { BusinessResult } from '#shared/schemas/results.ts';
import { formatPlate } from '#shared/validators/index.ts';
import { useLanguage } from '../../i18n/index.ts';
import { formatInstant } from '../../lib/dates.ts';
import type { ApplicationResponse } from './api.ts';
import type { DocumentRow } from './PrintedDocument.tsx';

/** The result fields the web app shows, as the shared result schemas of their types name them. */
type ShownResult = Partial<
  BusinessResult<'vehicle.temp-plate'> &
    BusinessResult<'vehicle.licence-reissue'> &
    BusinessResult<'vehicle.plate-reissue'> &
    BusinessResult<'violation.handle'>
>;

/** What an application's result says, beyond its documents: the facts to show and print. */
export function useResultFacts(application: ApplicationResponse) {
  const { t } = useLanguage();
  const result = (application.result ?? {}) as ShownResult;
  const facts: DocumentRow[] = [];
  // The violation record handled (违法处理): its number, plate, act and time.
  const v = result.violation;
  if (v) {
    facts.push(
      { label: t('application.violationId'), value: v.id },
      { label: t('application.plate'), value: formatPlate(v.plate) },
      {
        label: t('application.violationAct'),
        value: v.description ? `${v.code} ${v.description}` : v.code,
      },
      { label: t('application.violationTime'), value: formatInstant(v.occurredAt) },
    );
  }
  if (result.plate) facts.push({ label: t('application.plate'), value: formatPlate(result.plate) });
  if (result.tempPlate) {
    facts.push({
      label: t('application.tempPlate'),
      value: <strong data-testid="temp-plate">{result.tempPlate}</strong>,
    });
  }
  if (result.validFrom) {
    facts.push({
      label: t('application.validity'),
      value: `${result.validFrom} ~ ${result.validUntil}`,
    });
  }
  if (result.tempPlateValidUntil) {
    facts.push({ label: t('application.tempPlateValidUntil'), value: result.tempPlateValidUntil });
  }
  if (result.voidedNumbers?.length) {
    facts.push({ label: t('application.voidedNumbers'), value: result.voidedNumbers.join(', ') });
  }
  return { facts, documents: result.documents ?? [] };
}
