import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  MouseSensor,
  TouchSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { sopLimits } from '@leeway/core';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { PlusIcon } from '../../ui/icons.tsx';
import { type EditStep, moveStep, newStepKey } from './sop-values.ts';

interface StepRowProps {
  step: EditStep;
  index: number;
  count: number;
  error: string | undefined;
  disabled: boolean;
  onText: (text: string) => void;
  onCheckpoint: (checkpoint: boolean) => void;
  onBlur: () => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  registerTextarea: (key: string, element: HTMLTextAreaElement | null) => void;
}

function StepRow({
  step,
  index,
  count,
  error,
  disabled,
  onText,
  onCheckpoint,
  onBlur,
  onMove,
  onRemove,
  registerTextarea,
}: StepRowProps) {
  const { t } = useTranslation();
  const id = useId();
  const number = index + 1;
  const {
    setNodeRef: setDragRef,
    listeners,
    attributes,
    isDragging,
  } = useDraggable({
    id: step.key,
    disabled,
  });
  const { setNodeRef: setDropRef, isOver } = useDroppable({ id: step.key });
  return (
    <li
      ref={setDropRef}
      className={`sop-step-edit${isDragging ? ' is-dragging' : ''}${isOver && !isDragging ? ' is-drop-target' : ''}`}
      data-testid="sop-step-edit"
    >
      <div className="sop-step-edit-head">
        <button
          ref={setDragRef}
          type="button"
          className="icon-button sop-drag"
          aria-label={t('sops.steps.drag', { number })}
          title={t('sops.steps.drag', { number })}
          {...listeners}
          {...attributes}
          // Keyboard users have the arrow buttons; the handle is for pointers only.
          tabIndex={-1}
        >
          ⋮⋮
        </button>
        <label className="field-label" htmlFor={`${id}-text`}>
          {t('sops.steps.label', { number })}
        </label>
        <label className="check sop-step-checkpoint">
          <input
            type="checkbox"
            checked={step.checkpoint}
            disabled={disabled}
            onChange={(event) => onCheckpoint(event.target.checked)}
            data-testid="sop-step-checkpoint"
          />
          <span>{t('sops.steps.checkpoint')}</span>
        </label>
        <div className="sop-step-tools">
          <button
            type="button"
            className="icon-button"
            aria-label={t('sops.steps.moveUp', { number })}
            disabled={disabled || index === 0}
            onClick={() => onMove(index - 1)}
            data-testid="sop-step-up"
          >
            ↑
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={t('sops.steps.moveDown', { number })}
            disabled={disabled || index === count - 1}
            onClick={() => onMove(index + 1)}
            data-testid="sop-step-down"
          >
            ↓
          </button>
          <button
            type="button"
            className="icon-button icon-button-danger"
            aria-label={t('sops.steps.remove', { number })}
            disabled={disabled || count <= 1}
            onClick={onRemove}
            data-testid="sop-step-remove"
          >
            ×
          </button>
        </div>
      </div>
      <textarea
        ref={(element) => registerTextarea(step.key, element)}
        id={`${id}-text`}
        name={`steps/${index}/text`}
        className="input textarea"
        rows={3}
        value={step.text}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onText(event.target.value)}
        onBlur={onBlur}
        data-testid="sop-step-input"
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </li>
  );
}

export interface StepsEditorProps {
  steps: EditStep[];
  onChange: (steps: EditStep[]) => void;
  /** The message to show for a field such as `steps/2/text` or `steps`, if any. */
  problemFor: (field: string) => string | undefined;
  onBlurField: (field: string) => void;
  disabled?: boolean;
}

/**
 * The steps of a draft: Markdown textareas with a checkpoint flag each; reorder by dragging
 * the handle (dnd-kit) or with the arrow buttons, add and remove.
 */
export function StepsEditor({
  steps,
  onChange,
  problemFor,
  onBlurField,
  disabled = false,
}: StepsEditorProps) {
  const { t } = useTranslation();
  const textareas = useRef(new Map<string, HTMLTextAreaElement>());
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 6 } }),
  );
  const full = steps.length >= sopLimits.stepsMax;
  const listProblem = problemFor('steps');

  useEffect(() => {
    if (!focusKey) return;
    textareas.current.get(focusKey)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const indexOf = (key: unknown) => steps.findIndex((s) => s.key === key);
  const numberOf = (key: unknown) => indexOf(key) + 1;

  function move(from: number, to: number) {
    if (to < 0 || to >= steps.length) return;
    onChange(moveStep(steps, from, to));
    setAnnouncement(t('sops.steps.moved', { position: to + 1, total: steps.length }));
  }

  function onDragEnd(event: DragEndEvent) {
    if (!event.over) return;
    const from = indexOf(event.active.id);
    const to = indexOf(event.over.id);
    if (from >= 0 && to >= 0 && from !== to) onChange(moveStep(steps, from, to));
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) => t('sops.steps.dragStart', { number: numberOf(active.id) }),
    onDragOver: ({ active, over }) =>
      over
        ? t('sops.steps.dragOver', { number: numberOf(active.id), position: numberOf(over.id) })
        : undefined,
    onDragEnd: ({ active, over }) =>
      over
        ? t('sops.steps.dragEnd', { number: numberOf(active.id), position: numberOf(over.id) })
        : undefined,
    onDragCancel: ({ active }) => t('sops.steps.dragCancel', { number: numberOf(active.id) }),
  };

  function update(index: number, patch: Partial<EditStep>) {
    onChange(steps.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  }

  return (
    <fieldset className="sop-steps-editor">
      <legend className="field-label">{t('sops.steps.legend')}</legend>
      <p className="field-hint">{t('sops.steps.hint')}</p>
      <DndContext sensors={sensors} onDragEnd={onDragEnd} accessibility={{ announcements }}>
        <ol className="sop-steps-edit-list">
          {steps.map((step, index) => (
            <StepRow
              key={step.key}
              step={step}
              index={index}
              count={steps.length}
              error={problemFor(`steps/${index}/text`)}
              disabled={disabled}
              onText={(text) => update(index, { text })}
              onCheckpoint={(checkpoint) => update(index, { checkpoint })}
              onBlur={() => onBlurField(`steps/${index}/text`)}
              onMove={(to) => move(index, to)}
              onRemove={() => {
                onChange(steps.filter((_, i) => i !== index));
                const neighbour = steps[index + 1] ?? steps[index - 1];
                if (neighbour) setFocusKey(neighbour.key);
              }}
              registerTextarea={(key, element) => {
                if (element) textareas.current.set(key, element);
                else textareas.current.delete(key);
              }}
            />
          ))}
        </ol>
      </DndContext>
      {listProblem && <p className="field-error">{listProblem}</p>}
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
      <div>
        <Button
          size="sm"
          icon={<PlusIcon />}
          disabled={disabled || full}
          onClick={() => {
            const key = newStepKey();
            onChange([...steps, { key, text: '', checkpoint: false }]);
            setFocusKey(key);
          }}
          data-testid="sop-add-step"
        >
          {t('sops.steps.add')}
        </Button>
        {full && <p className="field-hint">{t('sops.steps.full', { max: sopLimits.stepsMax })}</p>}
      </div>
    </fieldset>
  );
}
