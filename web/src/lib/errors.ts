import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.ts';

const KNOWN = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'IDEMPOTENCY_CONFLICT',
  'RATE_LIMITED',
  'UNPROCESSABLE',
  'VALIDATION_FAILED',
  'NOT_IMPLEMENTED',
  'NETWORK',
  'INTERNAL',
];

/**
 * A readable message for a failed call: the server's own (Chinese) message in Chinese, a
 * translated one by error code otherwise.
 */
export function useErrorMessage() {
  const { t, i18n } = useTranslation();
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return t('errors.INTERNAL');
    if (i18n.language !== 'en' && error.status > 0 && error.message) return error.message;
    return KNOWN.includes(error.code)
      ? t(`errors.${error.code}`)
      : t('errors.unknown', { code: error.code });
  };
}

/** Shows a failed call as a toast message. */
export function useErrorToast() {
  const { message } = App.useApp();
  const describe = useErrorMessage();
  return (error: unknown) => void message.error(describe(error));
}
