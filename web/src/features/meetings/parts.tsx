import type { MeetingSeries } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { initials } from '../../lib/format.ts';
import { useMemberMap } from '../tasks/people.ts';
import { ruleWords } from './agenda-text.ts';

/** The series' repetition in words, in the reader's language. */
export function RuleText({ series }: { series: Pick<MeetingSeries, 'rrule' | 'startsAt' | 'timeZone'> }) {
  const { t, i18n } = useTranslation();
  const words = ruleWords(series, i18n.language);
  return <>{t(words.key, words.params)}</>;
}

/** Participants as small avatars with their names (names stay readable, not only on hover). */
export function Participants({
  workspaceId,
  ids,
  max = 6,
}: {
  workspaceId: string;
  ids: readonly string[];
  max?: number;
}) {
  const { t } = useTranslation();
  const people = useMemberMap(workspaceId);
  const shown = ids.slice(0, max);
  const names = ids.map((id) => people.byId.get(id)?.name ?? t('meetings.unknownMember'));
  return (
    <div className="mtg-people">
      <ul className="mtg-avatars" aria-label={t('meetings.participantsLabel')}>
        {shown.map((id, index) => (
          <li key={id} className="avatar avatar-sm" title={names[index]}>
            <span aria-hidden="true">{initials(names[index] ?? '?')}</span>
            <span className="visually-hidden">{names[index]}</span>
          </li>
        ))}
      </ul>
      <span className="muted mtg-names">
        {names.length <= max ? names.join(', ') : t('meetings.participantsCount', { count: names.length })}
      </span>
    </div>
  );
}
