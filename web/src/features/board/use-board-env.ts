import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Weekday, weekStartFor } from './dates.ts';

/**
 * The locale for dates: the UI language, refined by the browser's region when it speaks the
 * same language (an English UI in London starts weeks on Monday, in New York on Sunday).
 */
export function useDateLocale(): string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const browser = typeof navigator === 'undefined' ? '' : navigator.language;
  return browser.toLowerCase().startsWith(`${language}-`) ? browser : language;
}

export function useWeekStart(): Weekday {
  return weekStartFor(useDateLocale());
}

/** "Now" fixed for the life of a screen, so queries built from it keep one cache key. */
export function useScreenNow(): number {
  const [now] = useState(Date.now);
  return now;
}

/** "Now" that moves on every minute, for what a clock decides on screen (overdue, today). */
export function useMinuteNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}
