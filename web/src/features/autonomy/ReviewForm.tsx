import { autonomyLimits, type ReviewTag } from '@leeway/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { FormDialog } from '../../ui/Dialog.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useDecideReview } from './hooks.ts';
import { type ReviewDraft, reviewProblems } from './levels.ts';

type Outcome = NonNullable<ReviewDraft['outcome']>;

interface ReviewFormProps {
  formId: string;
  onDone: () => void;
  /** Renders its own submit button (the inline panel); a dialog submits from its footer. */
  inlineSubmit?: boolean;
  /** The mutation, owned by whoever shows the submit button (so it can spin). */
  decide: ReturnType<typeof useDecideReview>;
}

/**
 * Accept, or request changes with at least one tag and a note. The two tags are explained
 * right where they are chosen, because only defects count against the assistant.
 */
export function ReviewForm({ formId, onDone, inlineSubmit = false, decide }: ReviewFormProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [tags, setTags] = useState<ReadonlySet<ReviewTag>>(new Set());
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const tagsId = useId();
  const problems = reviewProblems({ outcome, tags, note });
  const tooLong = note.length > autonomyLimits.noteMax;
  const show = (p: 'outcome' | 'tags' | 'note') => tried && problems.includes(p);

  function toggleTag(tag: ReviewTag, on: boolean) {
    setTags((prev) => {
      const next = new Set(prev);
      if (on) next.add(tag);
      else next.delete(tag);
      return next;
    });
  }

  return (
    <form
      id={formId}
      className="form review-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (problems.length > 0 || tooLong || outcome === null) return;
        const changes = outcome === 'changes_requested';
        decide.mutate(
          {
            outcome,
            ...(changes ? { tags: [...tags] } : {}),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
          {
            onSuccess: () => {
              toast.success(changes ? t('autonomy.review.changesRequested') : t('autonomy.review.accepted'));
              onDone();
            },
          },
        );
      }}
    >
      {decide.error && <Alert>{t(errorKey(decide.error))}</Alert>}
      <fieldset className="review-outcome">
        <legend className="field-label">{t('autonomy.review.outcomeLabel')}</legend>
        <div className="review-outcome-buttons">
          <Button
            aria-pressed={outcome === 'accepted'}
            variant={outcome === 'accepted' ? 'primary' : 'secondary'}
            data-testid="review-accept"
            onClick={() => setOutcome('accepted')}
          >
            {t('autonomy.review.accept')}
          </Button>
          <Button
            aria-pressed={outcome === 'changes_requested'}
            variant={outcome === 'changes_requested' ? 'primary' : 'secondary'}
            data-testid="review-request-changes"
            onClick={() => setOutcome('changes_requested')}
          >
            {t('autonomy.review.requestChanges')}
          </Button>
        </div>
        {show('outcome') && <p className="field-error">{t('autonomy.validation.required')}</p>}
      </fieldset>
      {outcome === 'changes_requested' && (
        <fieldset className="review-tags" aria-describedby={`${tagsId}-explain`}>
          <legend className="field-label">{t('autonomy.review.tagsLabel')}</legend>
          <label className="check-option">
            <input
              type="checkbox"
              checked={tags.has('defect')}
              data-testid="review-tag-defect"
              onChange={(event) => toggleTag('defect', event.target.checked)}
            />
            <span>
              <strong>{t('autonomy.review.tagDefect')}</strong>
              <span className="muted"> — {t('autonomy.review.tagDefectHint')}</span>
            </span>
          </label>
          <label className="check-option">
            <input
              type="checkbox"
              checked={tags.has('preference')}
              data-testid="review-tag-preference"
              onChange={(event) => toggleTag('preference', event.target.checked)}
            />
            <span>
              <strong>{t('autonomy.review.tagPreference')}</strong>
              <span className="muted"> — {t('autonomy.review.tagPreferenceHint')}</span>
            </span>
          </label>
          <p className="field-hint" id={`${tagsId}-explain`}>
            {t('autonomy.review.tagsExplain')}
          </p>
          {show('tags') && (
            <p className="field-error" role="alert">
              {t('autonomy.review.tagRequired')}
            </p>
          )}
        </fieldset>
      )}
      <TextAreaField
        label={t('autonomy.review.note')}
        optional={outcome !== 'changes_requested'}
        value={note}
        rows={3}
        hint={
          outcome === 'changes_requested'
            ? t('autonomy.review.noteHintChanges')
            : t('autonomy.review.noteHintAccept')
        }
        error={
          show('note')
            ? t('autonomy.review.noteRequired')
            : tooLong
              ? t('autonomy.validation.tooLong', { max: autonomyLimits.noteMax })
              : undefined
        }
        data-testid="review-note"
        onChange={(event) => setNote(event.target.value)}
      />
      {inlineSubmit && (
        <div>
          <Button type="submit" variant="primary" pending={decide.isPending} data-testid="review-submit">
            {t('autonomy.review.submit')}
          </Button>
        </div>
      )}
    </form>
  );
}

/** The review panel on a task page, for the people who may review it. */
export function ReviewPanel({ workspaceId, taskId }: { workspaceId: string; taskId: string }) {
  const { t } = useTranslation();
  const formId = useId();
  const decide = useDecideReview(workspaceId, taskId);
  return (
    <section className="review-panel" aria-label={t('autonomy.review.panelTitle')}>
      <h2 className="section-title">{t('autonomy.review.panelTitle')}</h2>
      <p className="muted">{t('autonomy.review.panelIntro')}</p>
      <ReviewForm formId={formId} onDone={() => decide.reset()} decide={decide} inlineSubmit />
    </section>
  );
}

/** The review dialog of the queue. */
export function ReviewDialog({
  workspaceId,
  taskId,
  title,
  onClose,
}: {
  workspaceId: string;
  taskId: string;
  title: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const formId = useId();
  const decide = useDecideReview(workspaceId, taskId);
  return (
    <FormDialog
      title={t('autonomy.review.title', { title })}
      onClose={onClose}
      formId={formId}
      submitLabel={t('autonomy.review.submit')}
      submitTestId="review-submit"
      pending={decide.isPending}
    >
      <ReviewForm formId={formId} onDone={onClose} decide={decide} />
    </FormDialog>
  );
}
