import type { SopStepView } from '@leeway/core';
import { useTranslation } from 'react-i18next';

function StepItem({ step, number }: { step: SopStepView; number: number }) {
  const { t } = useTranslation();
  return (
    <li className={`sop-step${step.checkpoint ? ' is-checkpoint' : ''}`} data-testid="sop-step">
      <span className="sop-step-number" aria-hidden="true">
        {number}
      </span>
      <div className="sop-step-body">
        {step.checkpoint && (
          <span className="badge sop-badge-checkpoint" data-testid="sop-step-checkpoint-mark">
            ⚑ {t('sops.chips.checkpoint')}
          </span>
        )}
        <div
          className="markdown"
          // Rendered from Markdown and sanitised by the server when the step was written
          // (allowlist at the storage boundary, CONVENTIONS), like a task's description.
          // biome-ignore lint/security/noDangerouslySetInnerHtml: `html` is the server's sanitised rendering.
          dangerouslySetInnerHTML={{ __html: step.html }}
        />
      </div>
    </li>
  );
}

/** Steps as published: the server's sanitised HTML, checkpoints marked. */
export function StepsList({ steps }: { steps: SopStepView[] }) {
  return (
    <ol className="sop-steps">
      {steps.map((step, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a version's steps are fixed; their place is their identity.
        <StepItem key={index} step={step} number={index + 1} />
      ))}
    </ol>
  );
}
