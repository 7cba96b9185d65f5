import type { Locale } from '../locale.ts';
import type { MmiSuggestion, MmiSuggestionCode } from './values.ts';

/**
 * The sentence for each suggestion, in both languages, with `{{param}}` placeholders named as
 * in `mmiSuggestionParamKeys`. Plain data so the web and the e-mails share one wording; they
 * format numbers and may swap level numbers for level names before filling in.
 * Written to the principal ("you"); German uses "du", like every screen of the app. Counts
 * stand where the grammar needs no plural ("reviews requested: 3"), so one text fits 1 and 12.
 */
export const suggestionTexts: Readonly<Record<Locale, Readonly<Record<MmiSuggestionCode, string>>>> = {
  en: {
    reduce_requested_reviews:
      'Reviews you asked for that the level did not require: {{requested}} (reviews the rules required: {{required}}). Trust the sample, and if something worries you, name it in the next meeting.',
    promote_lagging_area:
      'The assistant has met the criteria for level {{to}} in {{area}} for {{days}} days and is still at level {{from}} — promote?',
    decide_reviews_sooner:
      'Results waited a median of {{medianHours}} hours for your decision ({{reviews}} reviews). Block a short review slot each day, or raise the level where results are reliably good.',
    write_preferences_down:
      '{{preferenceOnly}} of {{changeRequests}} change requests were preferences only. Write the preference into the SOP once instead of sending results back.',
    send_back_instead_of_taking_over:
      'Tasks you took back: {{reassigned}}; accepted results you edited yourself: {{edits}} (tasks completed: {{completed}}). Send work back with a note instead, so the assistant learns what you want.',
    check_activity_before_nudging:
      '“Any update?” nudges on tasks that had changed within the last 24 hours: {{nudges}} ({{perWeek}} a week). Look at the task’s activity first, or agree on a check-in rhythm.',
    end_extended_episode:
      'A support episode in {{area}} has run for {{days}} days, {{extraDays}} of them in this period beyond the usual 14. End it, or write down what still has to happen before it ends.',
  },
  de: {
    reduce_requested_reviews:
      'Du hast {{requested}} Prüfungen angefordert, die die Stufe nicht verlangt hat (die Regeln verlangten {{required}}). Vertrau der Stichprobe – und wenn dich etwas beunruhigt, sprich es in der nächsten Besprechung an.',
    promote_lagging_area:
      'Die Assistenz erfüllt seit {{days}} Tagen die Kriterien für Stufe {{to}} in {{area}} und ist noch auf Stufe {{from}} – Stufe anheben?',
    decide_reviews_sooner:
      'Ergebnisse haben im Median {{medianHours}} Stunden auf deine Entscheidung gewartet ({{reviews}} Prüfungen). Plane täglich ein kurzes Zeitfenster zum Prüfen ein, oder heb die Stufe dort an, wo die Ergebnisse verlässlich gut sind.',
    write_preferences_down:
      '{{preferenceOnly}} von {{changeRequests}} Änderungswünschen waren reine Vorlieben. Schreib die Vorliebe einmal in die SOP, statt Ergebnisse zurückzuschicken.',
    send_back_instead_of_taking_over:
      'Du hast {{reassigned}} Aufgaben zurückgenommen und {{edits}} angenommene Ergebnisse selbst bearbeitet ({{completed}} erledigte Aufgaben). Schick Arbeit lieber mit einer Notiz zurück, damit die Assistenz lernt, was du möchtest.',
    check_activity_before_nudging:
      '{{nudges}} „Gibt es Neuigkeiten?“-Nachfragen galten Aufgaben, die sich in den letzten 24 Stunden geändert hatten ({{perWeek}} pro Woche). Sieh zuerst in den Verlauf der Aufgabe, oder vereinbart einen festen Check-in-Rhythmus.',
    end_extended_episode:
      'Eine Begleitphase in {{area}} läuft seit {{days}} Tagen, davon {{extraDays}} in diesem Zeitraum über die üblichen 14 hinaus. Beende sie, oder halte fest, was bis zu ihrem Ende noch geschehen muss.',
  },
};

/** The `{{name}}` placeholders of a text, in order of appearance, without duplicates. */
export function placeholdersOf(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\{\{(\w+)\}\}/g)) {
    const name = m[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * Fills a suggestion into its sentence with the params as plain strings. Screens and e-mails
 * that format numbers per locale do their own filling; this is the fallback and the test aid.
 */
export function suggestionText(locale: Locale, suggestion: MmiSuggestion): string {
  const params: Record<string, string | number> = suggestion.params;
  return suggestionTexts[locale][suggestion.code].replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
