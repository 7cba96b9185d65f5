import { CloseIcon } from './icons.tsx';

/** A removable tag in a `.chip-list` (a task's labels); the × button names what it removes. */
export function Chip({
  label,
  removeLabel,
  onRemove,
  disabled,
  testId,
}: {
  label: string;
  /** The remove button's accessible name, e.g. "Remove label Finance". */
  removeLabel: string;
  onRemove: () => void;
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <li className="chip" data-testid={testId}>
      <span>{label}</span>
      <button
        type="button"
        className="chip-remove"
        aria-label={removeLabel}
        disabled={disabled}
        onClick={onRemove}
      >
        <CloseIcon />
      </button>
    </li>
  );
}
