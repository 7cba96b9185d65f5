import { useTranslation } from 'react-i18next';
import { browserTimeZone, formatDate, formatDateTime } from '../../lib/format.ts';
import { useCurrentUser } from './session.ts';

/** The reader's zone: their profile's, else the browser's. The one rule every screen uses. */
export function useUserTimeZone(): string {
  const user = useCurrentUser();
  return user?.timeZone ?? browserTimeZone();
}

/** Date formatters in the reader's language and (signed in) their own time zone. */
export function useUserFormat() {
  const { i18n } = useTranslation();
  const timeZone = useUserTimeZone();
  const locale = i18n.language;
  return {
    date: (iso: string) => formatDate(iso, locale, timeZone),
    dateTime: (iso: string) => formatDateTime(iso, locale, timeZone),
  };
}
