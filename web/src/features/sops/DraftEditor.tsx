import type { SopDetail, SopVersionView } from '@leeway/core';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/Dialog.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { DraftFields } from './DraftFields.tsx';
import { useDiscardSopDraft, useSaveSopDraft } from './hooks.ts';
import { PublishDialog } from './PublishDialog.tsx';
import { conflictDraft, draftBody, type EditDraft, editDraftFrom, sameDraft } from './sop-values.ts';
import { focusField, useDraftForm } from './use-draft-form.ts';

/**
 * The draft editor: title, purpose and steps. Saves name the draft version they were based on;
 * when someone else saved in between (409), the person's text stays and they choose.
 */
export function DraftEditor({
  workspaceId,
  sop,
  onClose,
}: {
  workspaceId: string;
  sop: SopDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const id = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const save = useSaveSopDraft(workspaceId, sop.id);
  const discard = useDiscardSopDraft(workspaceId, sop.id);
  const [draft, setDraft] = useState<EditDraft>(() => editDraftFrom(sop.draft ?? sop.current));
  const [baseline, setBaseline] = useState<EditDraft>(draft);
  // The latest saved draft version and the save on its way, read by a quick second click
  // ("Save", then "Publish" at once) that must not race the first save with a stale version.
  const versionRef = useRef<number | undefined>(sop.draft?.version);
  const savedRef = useRef<EditDraft>(draft);
  const inFlight = useRef<Promise<number | null> | null>(null);
  const [conflict, setConflict] = useState<SopVersionView | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [publishing, setPublishing] = useState<number | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const form = useDraftForm(draft);
  const dirty = !sameDraft(draft, baseline);

  // Leaving the page with unsaved text asks first (the browser words the question).
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  function change(next: EditDraft) {
    setDraft(next);
    setFormError(null);
  }

  /** Saves the draft; resolves with its new version, or null when it was not saved. */
  async function saveDraft(basedOn?: number): Promise<number | null> {
    if (inFlight.current) await inFlight.current;
    const first = form.check();
    if (first) {
      focusField(containerRef.current, first);
      return null;
    }
    const run = send(draft, basedOn ?? versionRef.current);
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = null;
    }
  }

  async function send(sent: EditDraft, basedOn: number | undefined): Promise<number | null> {
    const body = draftBody(sent);
    try {
      const answer = await save.mutateAsync({
        ...(basedOn !== undefined ? { draftVersion: basedOn } : {}),
        title: body.title.trim(),
        purpose: body.purpose.trim(),
        steps: body.steps.map((s) => ({ text: s.text.trim(), checkpoint: s.checkpoint })),
      });
      const saved = 'versions' in answer ? answer.draft : answer;
      const version = saved?.version ?? null;
      if (version !== null) versionRef.current = version;
      savedRef.current = sent;
      setBaseline(sent);
      setConflict(null);
      toast.success(t('sops.draft.saved'));
      return version;
    } catch (error) {
      const theirs = conflictDraft(error);
      if (theirs) {
        setConflict(theirs);
        return null;
      }
      if (!form.showServerError(error)) setFormError(t(errorKey(error)));
      return null;
    }
  }

  async function openPublish() {
    if (inFlight.current) await inFlight.current;
    const unsaved = !sameDraft(draft, savedRef.current) || versionRef.current === undefined;
    const version = unsaved ? await saveDraft() : versionRef.current;
    if (version !== null && version !== undefined) setPublishing(version);
  }

  const nextNumber = Math.max(0, ...sop.versions.map((v) => v.number)) + 1;

  return (
    <section className="task-section sop-editor" aria-labelledby={`${id}-title`} data-testid="sop-editor">
      <div className="section-header">
        <h2 className="section-title" id={`${id}-title`}>
          {sop.canEdit ? t('sops.draft.title') : t('sops.draft.propose')}
        </h2>
        {dirty && (
          <span className="badge sop-badge-draft" data-testid="sop-unsaved">
            {t('sops.draft.unsaved')}
          </span>
        )}
      </div>
      {!sop.canEdit && <Alert tone="info">{t('sops.draft.nonEditorNote')}</Alert>}
      {conflict && (
        <div className="conflict-notice" role="alert" data-testid="sop-conflict">
          <p className="conflict-title">{t('sops.draft.conflictTitle')}</p>
          <p>{t('sops.draft.conflictBody')}</p>
          <div className="form-actions">
            <Button
              size="sm"
              variant="primary"
              pending={save.isPending}
              onClick={() => void saveDraft(conflict.version)}
              data-testid="sop-conflict-overwrite"
            >
              {t('sops.draft.conflictOverwrite')}
            </Button>
            <Button
              size="sm"
              onClick={() => {
                const theirs = editDraftFrom(conflict);
                setDraft(theirs);
                setBaseline(theirs);
                savedRef.current = theirs;
                versionRef.current = conflict.version;
                setConflict(null);
                form.reset();
              }}
              data-testid="sop-conflict-load"
            >
              {t('sops.draft.conflictLoad')}
            </Button>
          </div>
        </div>
      )}
      {formError && <Alert>{formError}</Alert>}
      <div className="form" ref={containerRef}>
        <DraftFields
          draft={draft}
          change={change}
          form={form}
          labels={{ title: t('sops.draft.titleLabel'), purpose: t('sops.draft.purpose') }}
        />
      </div>
      <div className="form-actions sop-editor-actions">
        <Button
          variant={sop.canEdit ? 'secondary' : 'primary'}
          pending={save.isPending}
          onClick={() => void saveDraft()}
          data-testid="sop-save-draft"
        >
          {t('sops.draft.save')}
        </Button>
        {sop.canEdit && (
          <Button
            variant="primary"
            disabled={save.isPending}
            onClick={() => void openPublish()}
            data-testid="sop-publish"
          >
            {t('sops.publish.open')}
          </Button>
        )}
        <Button variant="ghost" onClick={onClose} data-testid="sop-editor-close">
          {t('sops.draft.close')}
        </Button>
        {sop.draft && sop.current && (
          <Button
            variant="ghost"
            className="button-danger-text"
            onClick={() => {
              discard.reset();
              setConfirmDiscard(true);
            }}
            data-testid="sop-discard-draft"
          >
            {t('sops.draft.discard')}
          </Button>
        )}
      </div>
      {publishing !== null && (
        <PublishDialog
          workspaceId={workspaceId}
          sop={sop}
          title={draft.title.trim()}
          draftVersion={publishing}
          nextNumber={nextNumber}
          onClose={() => setPublishing(null)}
          onPublished={() => {
            setPublishing(null);
            onClose();
          }}
        />
      )}
      <ConfirmDialog
        open={confirmDiscard}
        title={t('sops.draft.discardTitle')}
        message={t('sops.draft.discardMessage')}
        confirmLabel={t('sops.draft.discardConfirm')}
        pending={discard.isPending}
        error={discard.error ? t(errorKey(discard.error)) : null}
        onCancel={() => setConfirmDiscard(false)}
        onConfirm={() =>
          discard.mutate(undefined, {
            onSuccess: () => {
              setConfirmDiscard(false);
              toast.success(t('sops.draft.discarded'));
              onClose();
            },
          })
        }
      />
    </section>
  );
}
