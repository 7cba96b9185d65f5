import type { CharterBody, OnboardingPlan } from '@leeway/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { type FieldProblem, problemsFromError } from '../lessons/problems.ts';
import { useTouched } from '../lessons/use-touched.ts';
import { CharterFields } from './CharterFields.tsx';
import { charterField, charterProblems, editableCharter, trimCharter } from './charter.ts';
import { conflictPlan, useUpdateOnboardingPlan } from './hooks.ts';

/** The working agreement: read by everyone, edited by owners; a stale save keeps the draft. */
export function CharterCard({
  workspaceId,
  plan,
  canEdit,
}: {
  workspaceId: string;
  plan: OnboardingPlan;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const update = useUpdateOnboardingPlan(workspaceId, plan.id);
  const touched = useTouched();
  const [draft, setDraft] = useState<CharterBody | null>(null);
  const [serverProblems, setServerProblems] = useState<FieldProblem[]>([]);
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const problems = useMemo(
    () =>
      draft
        ? [...serverProblems.map((p) => ({ ...p, field: charterField(p.field) })), ...charterProblems(draft)]
        : [],
    [draft, serverProblems],
  );

  function save() {
    if (!draft) return;
    touched.submit();
    if (charterProblems(draft).length > 0) {
      window.requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('.onb-charter-form [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setFormError(null);
    update.mutate(
      { version: plan.version, charter: trimCharter(draft) },
      {
        onSuccess: () => {
          setDraft(null);
          setConflict(false);
          touched.reset();
          toast.success(t('onboarding.charter.saved'));
        },
        onError: (error) => {
          if (conflictPlan(error) || (error as { code?: string }).code === 'conflict') {
            setConflict(true);
            return;
          }
          const found = problemsFromError(error);
          setServerProblems(found);
          if (found.length === 0) setFormError(t(errorKey(error)));
        },
      },
    );
  }

  const c = plan.charter;
  return (
    <section className="card stack" aria-labelledby="onb-charter-title">
      <div className="card-header">
        <h2 id="onb-charter-title">{t('onboarding.charter.title')}</h2>
        {canEdit && !draft && (
          <Button
            size="sm"
            onClick={() => setDraft(editableCharter(plan.charter))}
            data-testid="onboarding-charter-edit"
          >
            {t('onboarding.charter.edit')}
          </Button>
        )}
      </div>
      {draft ? (
        <form
          className="form onb-charter-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          {conflict && (
            <Alert>
              {t('onboarding.charter.conflict')}
              <div className="form-actions onb-conflict-actions">
                <Button
                  size="sm"
                  onClick={() => {
                    setDraft(editableCharter(plan.charter));
                    setConflict(false);
                  }}
                >
                  {t('onboarding.charter.takeTheirs')}
                </Button>
              </div>
            </Alert>
          )}
          {formError && <Alert>{formError}</Alert>}
          <CharterFields
            value={draft}
            problems={problems}
            shown={touched.shown}
            onLeave={touched.leave}
            onEdit={touched.edit}
            disabled={update.isPending}
            onChange={(next) => {
              setDraft(next);
              setServerProblems([]);
            }}
          />
          <div className="form-actions">
            <Button
              type="submit"
              variant="primary"
              pending={update.isPending}
              data-testid="onboarding-charter-save"
            >
              {conflict ? t('onboarding.charter.saveMine') : t('common.save')}
            </Button>
            <Button
              onClick={() => {
                setDraft(null);
                setConflict(false);
                setServerProblems([]);
                touched.reset();
              }}
              disabled={update.isPending}
            >
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <>
          <div>
            <h3 className="onb-subhead">{t('onboarding.charter.outcomes')}</h3>
            <ol className="onb-outcomes">
              {c.outcomes.map((outcome, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: outcomes are fixed positions.
                <li key={index}>{outcome}</li>
              ))}
            </ol>
          </div>
          <dl className="facts onb-charter-facts">
            <div>
              <dt>{t('onboarding.charter.workingHours')}</dt>
              <dd>{c.workingHours}</dd>
            </div>
            <div>
              <dt>{t('onboarding.charter.responseTimes')}</dt>
              <dd>{c.responseTimes}</dd>
            </div>
            {c.authorityNotes && (
              <div>
                <dt>{t('onboarding.charter.authorityNotes')}</dt>
                <dd>{c.authorityNotes}</dd>
              </div>
            )}
          </dl>
        </>
      )}
    </section>
  );
}
