import type { Member } from '@leeway/core';
import { type KeyboardEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { initials } from '../../lib/format.ts';
import { filterMentionCandidates, findMentionQuery, insertMention, type MentionQuery } from './mentions.ts';

interface MentionTextareaProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  members: readonly Member[];
  /** Ctrl/⌘+Enter. */
  onSubmit?: () => void;
  placeholder?: string;
  rows?: number;
  invalid?: boolean;
  describedBy?: string | undefined;
  testId?: string;
  disabled?: boolean;
  autoFocus?: boolean;
}

/**
 * A Markdown textarea that suggests members after "@" and inserts `@[Name](user:<id>)`.
 * Arrow keys choose, Enter or Tab take the suggestion, Escape closes the list; the list is a
 * listbox tied to the textarea so screen readers announce the highlighted name.
 */
export function MentionTextarea({
  id,
  value,
  onChange,
  members,
  onSubmit,
  placeholder,
  rows = 3,
  invalid,
  describedBy,
  testId,
  disabled,
  autoFocus,
}: MentionTextareaProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const pendingCaret = useRef<number | null>(null);

  const candidates = query
    ? filterMentionCandidates(
        members.map((m) => ({ userId: m.userId, name: m.name, role: m.role })),
        query.query,
      )
    : [];
  const open = query !== null && candidates.length > 0 && dismissedAt !== query.start;
  const activeIndex = Math.min(active, Math.max(0, candidates.length - 1));

  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    if (caret === null || !ref.current) return;
    pendingCaret.current = null;
    ref.current.setSelectionRange(caret, caret);
  });

  function refresh(text: string, caret: number) {
    const next = findMentionQuery(text, caret);
    setQuery(next);
    if (!next || next.start !== query?.start) setActive(0);
    if (!next) setDismissedAt(null);
  }

  function choose(index: number) {
    const el = ref.current;
    const candidate = candidates[index];
    if (!el || !query || !candidate) return;
    const result = insertMention(value, query.start, el.selectionStart ?? value.length, candidate);
    pendingCaret.current = result.caret;
    onChange(result.text);
    setQuery(null);
    el.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const delta = event.key === 'ArrowDown' ? 1 : -1;
        setActive((activeIndex + delta + candidates.length) % candidates.length);
        return;
      }
      if (
        (event.key === 'Enter' && !event.shiftKey && !event.metaKey && !event.ctrlKey) ||
        event.key === 'Tab'
      ) {
        event.preventDefault();
        choose(activeIndex);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        // Stop suggesting for this "@"; typing a new one starts again.
        event.stopPropagation();
        if (query) setDismissedAt(query.start);
        return;
      }
    }
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey) && onSubmit) {
      event.preventDefault();
      onSubmit();
    }
  }

  const optionId = (index: number) => `${listId}-option-${index}`;

  return (
    <div className="mention-box">
      <textarea
        ref={ref}
        id={id}
        className="input textarea"
        value={value}
        rows={rows}
        placeholder={placeholder}
        disabled={disabled}
        // biome-ignore lint/a11y/noAutofocus: only set when the person asked to edit this text.
        autoFocus={autoFocus}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(activeIndex) : undefined}
        data-testid={testId}
        onChange={(event) => {
          onChange(event.target.value);
          refresh(event.target.value, event.target.selectionStart ?? event.target.value.length);
        }}
        onSelect={(event) => {
          const el = event.currentTarget;
          refresh(el.value, el.selectionStart ?? el.value.length);
        }}
        onBlur={() => setQuery(null)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <div id={listId} className="mention-list" role="listbox" aria-label={t('tasks.comments.mentionList')}>
          {candidates.map((c, index) => (
            <div
              key={c.userId}
              id={optionId(index)}
              role="option"
              tabIndex={-1}
              aria-selected={index === activeIndex}
              className={`mention-option${index === activeIndex ? ' is-active' : ''}`}
              data-testid="mention-option"
              // mousedown, not click: the textarea must not lose focus (and its caret) first.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(index);
              }}
              onMouseEnter={() => setActive(index)}
            >
              <span className="avatar avatar-sm" aria-hidden="true">
                {initials(c.name)}
              </span>
              <span>{c.name}</span>
              <span className="muted">{t(`roles.${c.role}`)}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
