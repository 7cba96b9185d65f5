import { taskLimits } from '@leeway/core';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useTaskEdit } from './task-edit.ts';

type Tab = 'write' | 'preview';

/**
 * The Markdown description with Write and Preview tabs. The preview is the server's rendering
 * of the saved text (the one sanitiser all screens share), so it shows after saving.
 */
export function DescriptionEditor() {
  const { t } = useTranslation();
  const toast = useToast();
  const { task, save, savingFields } = useTaskEdit();
  const [tab, setTab] = useState<Tab>(task.description.trim() === '' ? 'write' : 'preview');
  const [draft, setDraft] = useState(task.description);
  const [dirty, setDirty] = useState(false);
  const baseRef = useRef(task);
  const id = useId();
  const writeTab = useRef<HTMLButtonElement>(null);
  const previewTab = useRef<HTMLButtonElement>(null);

  // Someone else's saved change shows up unless this person is in the middle of their own.
  useEffect(() => {
    if (!dirty) setDraft(task.description);
  }, [task.description, dirty]);

  const tooLong = draft.length > taskLimits.descriptionMax;

  function submit() {
    if (tooLong) return;
    save({ description: draft }, baseRef.current, {
      onSuccess: () => {
        setDirty(false);
        toast.success(t('tasks.description.saved'));
      },
      onConflict: (current) => {
        baseRef.current = current;
      },
    });
  }

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next: Tab = tab === 'write' ? 'preview' : 'write';
    setTab(next);
    (next === 'write' ? writeTab : previewTab).current?.focus();
  }

  return (
    <section className="task-section" aria-labelledby={`${id}-title`}>
      <div className="section-header">
        <h2 id={`${id}-title`} className="section-title">
          {t('tasks.description.title')}
        </h2>
        <div className="tabs tabs-compact" role="tablist" aria-label={t('tasks.description.tabs')}>
          <button
            ref={writeTab}
            type="button"
            role="tab"
            id={`${id}-write-tab`}
            className="tab"
            aria-selected={tab === 'write'}
            aria-controls={`${id}-write`}
            tabIndex={tab === 'write' ? 0 : -1}
            onClick={() => setTab('write')}
            onKeyDown={onTabKey}
            data-testid="description-write-tab"
          >
            {t('tasks.description.write')}
          </button>
          <button
            ref={previewTab}
            type="button"
            role="tab"
            id={`${id}-preview-tab`}
            className="tab"
            aria-selected={tab === 'preview'}
            aria-controls={`${id}-preview`}
            tabIndex={tab === 'preview' ? 0 : -1}
            onClick={() => setTab('preview')}
            onKeyDown={onTabKey}
            data-testid="description-preview-tab"
          >
            {t('tasks.description.preview')}
          </button>
        </div>
      </div>

      <div id={`${id}-write`} role="tabpanel" aria-labelledby={`${id}-write-tab`} hidden={tab !== 'write'}>
        <div className="field">
          <label className="visually-hidden" htmlFor={`${id}-input`}>
            {t('tasks.description.title')}
          </label>
          <textarea
            id={`${id}-input`}
            className="input textarea description-input"
            value={draft}
            rows={8}
            placeholder={t('tasks.description.placeholder')}
            aria-invalid={tooLong ? true : undefined}
            aria-describedby={`${id}-hint`}
            data-testid="task-description"
            onChange={(event) => {
              if (!dirty) baseRef.current = task;
              setDirty(true);
              setDraft(event.target.value);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
                event.preventDefault();
                submit();
              }
            }}
          />
          {tooLong ? (
            <p className="field-error" id={`${id}-hint`}>
              {t('validation.tooLong', { max: taskLimits.descriptionMax })}
            </p>
          ) : (
            <p className="field-hint" id={`${id}-hint`}>
              {t('tasks.description.hint')}
            </p>
          )}
        </div>
      </div>

      <div
        id={`${id}-preview`}
        role="tabpanel"
        aria-labelledby={`${id}-preview-tab`}
        hidden={tab !== 'preview'}
      >
        {dirty && <p className="field-hint preview-note">{t('tasks.description.previewSaved')}</p>}
        {task.descriptionHtml.trim() === '' ? (
          <p className="muted">{t('tasks.description.empty')}</p>
        ) : (
          <div
            className="markdown"
            data-testid="task-description-html"
            // Server-rendered and sanitised at the storage boundary (allowlist, no raw HTML,
            // no script or javascript: links); this is the only place the description is shown as HTML.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: descriptionHtml is the server's sanitised rendering.
            dangerouslySetInnerHTML={{ __html: task.descriptionHtml }}
          />
        )}
      </div>

      {dirty && (
        <div className="form-actions">
          <Button
            variant="primary"
            size="sm"
            onClick={submit}
            disabled={tooLong}
            pending={savingFields.has('description')}
            data-testid="task-description-save"
          >
            {t('tasks.description.save')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setDirty(false);
              setDraft(task.description);
            }}
          >
            {t('tasks.description.discard')}
          </Button>
        </div>
      )}
    </section>
  );
}
