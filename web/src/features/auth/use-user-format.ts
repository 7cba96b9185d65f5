import { useTranslation } from 'react-i18next';
import { browserTimeZone, formatDate, formatDateTime } from '../../lib/format.ts';
import { useCurrentUser } from './session.ts';

/** Date formatters in the reader's language and (signed in) their own time zone. */
export function useUserFormat() {
  const { i18n } = useTranslation();
  const user = useCurrentUser();
  const timeZone = user?.timeZone ?? browserTimeZone();
  const locale = i18n.language;
  return {
    date: (iso: string) => formatDate(iso, locale, timeZone),
    dateTime: (iso: string) => formatDateTime(iso, locale, timeZone),
  };
}
