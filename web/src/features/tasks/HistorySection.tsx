import type { TaskEvent } from '@leeway/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUserFormat } from '../auth/use-user-format.ts';
import { type HistoryEntry, historyEntries } from './history.ts';
import { useTaskHistory } from './hooks.ts';
import { SectionList } from './SectionParts.tsx';
import { useTaskEdit } from './task-edit.ts';
import { useValueText } from './use-value-text.ts';

const shownAtFirst = 15;

function EntryText({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation();
  const { members, areas, timeZone } = useTaskEdit();
  const valueText = useValueText(members, areas, timeZone);
  switch (entry.type) {
    case 'changed':
      if (entry.field === 'description') return <>{t('tasks.history.descriptionChanged')}</>;
      return (
        <>
          {t('tasks.history.changed', {
            field: t(`tasks.fields.${entry.field}`),
            from: valueText(entry.field, entry.from),
            to: valueText(entry.field, entry.to),
          })}
        </>
      );
    case 'other':
      return <>{t('tasks.history.other', { kind: entry.kind })}</>;
    default:
      return <>{t(`tasks.history.kinds.${entry.type}`, { text: entry.text })}</>;
  }
}

/** Who changed what, when — newest first, in the reader's zone. */
export function HistorySection() {
  const { t } = useTranslation();
  const format = useUserFormat();
  const { workspaceId, task } = useTaskEdit();
  const history = useTaskHistory(workspaceId, task.id);
  const [showAll, setShowAll] = useState(false);
  const id = useId();

  const events: TaskEvent[] = history.data ? [...history.data].reverse() : [];
  const shown = showAll ? events : events.slice(0, shownAtFirst);

  return (
    <section className="task-section" aria-labelledby={`${id}-title`} data-testid="history">
      <h2 id={`${id}-title`} className="section-title">
        {t('tasks.history.title')}
      </h2>
      <SectionList query={history} empty={t('tasks.history.empty')}>
        {() => (
          <>
            <ol className="history-list">
              {shown.map((event) => {
                const entries = historyEntries(event);
                if (entries.length === 0) return null;
                return (
                  <li key={event.id} className="history-item" data-testid="history-item">
                    <span className="history-actor">{event.actorName || t('tasks.history.system')}</span>
                    <ul className="history-lines">
                      {entries.map((entry, index) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one event never reorder.
                        <li key={index}>
                          <EntryText entry={entry} />
                        </li>
                      ))}
                    </ul>
                    <time className="muted history-time" dateTime={event.createdAt}>
                      {format.dateTime(event.createdAt)}
                    </time>
                  </li>
                );
              })}
            </ol>
            {events.length > shownAtFirst && (
              <button type="button" className="link-button" onClick={() => setShowAll((v) => !v)}>
                {showAll ? t('tasks.history.showLess') : t('tasks.history.showAll', { count: events.length })}
              </button>
            )}
          </>
        )}
      </SectionList>
    </section>
  );
}
