import { useTranslation } from 'react-i18next';
import { formatWeekEnd, formatWeekRange, weekDays } from './week.ts';

/** "Week 48 · 23–29 Nov" for a week key; the key itself if it can't be read. */
export function useWeekLabel() {
  const { t, i18n } = useTranslation();
  return {
    label: (key: string) => {
      const days = weekDays(key);
      if (!days) return key;
      return t('checkins.weekLabel', { number: days.week, range: formatWeekRange(days, i18n.language) });
    },
    end: (key: string) => {
      const days = weekDays(key);
      return days ? formatWeekEnd(days, i18n.language) : key;
    },
  };
}
