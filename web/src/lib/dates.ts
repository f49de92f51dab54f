import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** China Standard Time (UTC+8): every date of the platform is a Beijing date. */
const BEIJING_OFFSET_MINUTES = 8 * 60;

/** Today in Beijing as 'YYYY-MM-DD'. */
export const todayInBeijing = () => dayjs().utcOffset(BEIJING_OFFSET_MINUTES).format('YYYY-MM-DD');

/** An instant shown in Beijing time, 'YYYY-MM-DD HH:mm'. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  return dayjs(iso).utcOffset(BEIJING_OFFSET_MINUTES).format('YYYY-MM-DD HH:mm');
}

/** The Beijing calendar date of an instant. */
export function dateOfInstant(iso: string): string {
  return dayjs(iso).utcOffset(BEIJING_OFFSET_MINUTES).format('YYYY-MM-DD');
}
