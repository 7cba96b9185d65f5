import { diffWords, type SopDiff } from '@leeway/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { LoadingState } from '../../ui/Spinner.tsx';
import { useSopDiff } from './hooks.ts';

type DiffStep = SopDiff['steps'][number];
type Word = DiffStep['words'][number];

function WordMark({ word, side }: { word: Word; side: 'from' | 'to' }) {
  const { t } = useTranslation();
  if (word.op === 'keep') return <span>{word.text}</span>;
  if (word.op === 'remove' && side === 'from')
    return (
      <del className="sop-word-removed">
        <span className="visually-hidden">[{t('sops.diff.deleted')}: </span>
        {word.text}
        <span className="visually-hidden">]</span>
      </del>
    );
  if (word.op === 'add' && side === 'to')
    return (
      <ins className="sop-word-added">
        <span className="visually-hidden">[{t('sops.diff.inserted')}: </span>
        {word.text}
        <span className="visually-hidden">]</span>
      </ins>
    );
  return null;
}

/** The words of one side of a changed step: kept words plain, the side's own change marked. */
function Words({ words, side }: { words: Word[]; side: 'from' | 'to' }) {
  return (
    <p className="sop-diff-text">
      {words.map((word, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a diff's words have no identity but their place.
        <WordMark key={i} word={word} side={side} />
      ))}
    </p>
  );
}

function wordsOf(step: DiffStep): Word[] {
  if (step.words.length > 0) return step.words;
  return diffWords(step.fromText ?? '', step.toText ?? '');
}

function Cell({ step, side, label }: { step: DiffStep; side: 'from' | 'to'; label: string }) {
  const { t } = useTranslation();
  const index = side === 'from' ? step.fromIndex : step.toIndex;
  const text = side === 'from' ? step.fromText : step.toText;
  if (index === null || text === null) return <div className="sop-diff-cell is-empty" aria-hidden="true" />;
  const tone =
    step.op === 'add'
      ? 'is-added'
      : step.op === 'remove'
        ? 'is-removed'
        : step.op === 'change'
          ? 'is-changed'
          : '';
  return (
    <div className={`sop-diff-cell ${tone}`}>
      <p className="sop-diff-cell-head">
        <span className="sop-diff-side">{label}</span>
        <span>{t('sops.diff.step', { number: index + 1 })}</span>
        {step.op === 'add' && <span className="badge sop-badge-added">{t('sops.diff.added')}</span>}
        {step.op === 'remove' && <span className="badge sop-badge-removed">{t('sops.diff.removed')}</span>}
        {step.op === 'change' && side === 'to' && (
          <span className="badge sop-badge-changed">{t('sops.diff.changed')}</span>
        )}
        {step.checkpointChanged && side === 'to' && (
          <span className="badge">{t('sops.diff.checkpointChanged')}</span>
        )}
      </p>
      {step.op === 'change' && step.fromText !== step.toText ? (
        <Words words={wordsOf(step)} side={side} />
      ) : (
        <p className="sop-diff-text">{text}</p>
      )}
    </div>
  );
}

/** Two versions side by side (stacked on a phone): added, removed and changed steps marked. */
export function SopDiffView({
  workspaceId,
  sopId,
  from,
  to,
  onClose,
}: {
  workspaceId: string;
  sopId: string;
  from: number;
  to: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const diff = useSopDiff(workspaceId, sopId, { from, to });
  const fromLabel = `v${from}`;
  const toLabel = `v${to}`;

  let content: ReactNode;
  if (diff.isPending) content = <LoadingState />;
  else if (diff.isError)
    content = (
      <ErrorState
        message={t(errorKey(diff.error))}
        onRetry={() => void diff.refetch()}
        retrying={diff.isFetching}
      />
    );
  else {
    const d = diff.data;
    const count = (op: DiffStep['op']) => d.steps.filter((s) => s.op === op).length;
    const changedOnly = d.steps.every((s) => s.op === 'keep');
    content = (
      <>
        <p className="muted">
          {t('sops.diff.summary', {
            added: count('add'),
            removed: count('remove'),
            changed: count('change'),
          })}
        </p>
        <div className="sop-diff-grid sop-diff-columns" aria-hidden="true">
          <p className="sop-diff-colhead">{fromLabel}</p>
          <p className="sop-diff-colhead">{toLabel}</p>
        </div>
        {d.titleChanged && (
          <div className="sop-diff-grid">
            <div className="sop-diff-cell is-removed">
              <p className="sop-diff-cell-head">
                <span className="sop-diff-side">{fromLabel}</span> {t('sops.diff.titleChanged')}
              </p>
              <Words words={diffWords(d.from.title, d.to.title)} side="from" />
            </div>
            <div className="sop-diff-cell is-added">
              <p className="sop-diff-cell-head">
                <span className="sop-diff-side">{toLabel}</span> {t('sops.diff.titleChanged')}
              </p>
              <Words words={diffWords(d.from.title, d.to.title)} side="to" />
            </div>
          </div>
        )}
        {d.purposeChanged && (
          <div className="sop-diff-grid">
            <div className="sop-diff-cell is-changed">
              <p className="sop-diff-cell-head">
                <span className="sop-diff-side">{fromLabel}</span> {t('sops.diff.purposeChanged')}
              </p>
              <Words words={diffWords(d.from.purpose, d.to.purpose)} side="from" />
            </div>
            <div className="sop-diff-cell is-changed">
              <p className="sop-diff-cell-head">
                <span className="sop-diff-side">{toLabel}</span> {t('sops.diff.purposeChanged')}
              </p>
              <Words words={diffWords(d.from.purpose, d.to.purpose)} side="to" />
            </div>
          </div>
        )}
        {changedOnly && !d.titleChanged && !d.purposeChanged && <p>{t('sops.diff.noChanges')}</p>}
        <ol className="sop-diff-steps">
          {d.steps.map((step) => (
            <li
              key={`${step.op}-${step.fromIndex ?? 'x'}-${step.toIndex ?? 'x'}`}
              className="sop-diff-grid"
              data-op={step.op}
            >
              <Cell step={step} side="from" label={fromLabel} />
              <Cell step={step} side="to" label={toLabel} />
            </li>
          ))}
        </ol>
      </>
    );
  }

  return (
    <section className="sop-diff task-section" data-testid="sop-diff" aria-labelledby="sop-diff-title">
      <div className="section-header">
        <h2 className="section-title" id="sop-diff-title">
          {t('sops.diff.title', { from, to })}
        </h2>
        <Button size="sm" variant="ghost" onClick={onClose}>
          {t('sops.diff.close')}
        </Button>
      </div>
      {content}
    </section>
  );
}
