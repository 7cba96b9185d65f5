import { type ReactNode, useId, useState } from 'react';
import { Alert } from './Alert.tsx';
import { FormDialog } from './Dialog.tsx';
import { TextAreaField, TextField } from './Field.tsx';

export interface TextPromptDialogProps {
  title: string;
  label: string;
  hint?: string;
  initialValue?: string;
  maxLength: number;
  /** A textarea (with this many rows) instead of a one-line input. */
  multiline?: boolean;
  rows?: number;
  autoComplete?: string;
  submitLabel: string;
  submitTestId: string;
  fieldTestId: string;
  pending: boolean;
  /** The request's error, already translated; shown above the field. */
  error?: string | null | undefined;
  /** Shown once the field is left empty after a submit attempt (or a blur). */
  requiredMessage: string;
  tooLongMessage: string;
  /** Shown above the error and the field. */
  intro?: ReactNode;
  /** Shown below the form, inside the dialog. */
  children?: ReactNode;
  onClose: () => void;
  /** Called with the trimmed value once it is non-empty and within `maxLength`. */
  onSubmit: (value: string) => void;
}

/** A form dialog asking for one required piece of text. */
export function TextPromptDialog({
  title,
  label,
  hint,
  initialValue = '',
  maxLength,
  multiline = false,
  rows = 3,
  autoComplete,
  submitLabel,
  submitTestId,
  fieldTestId,
  pending,
  error,
  requiredMessage,
  tooLongMessage,
  intro,
  children,
  onClose,
  onSubmit,
}: TextPromptDialogProps) {
  const [value, setValue] = useState(initialValue);
  const [tried, setTried] = useState(false);
  const formId = useId();
  const problem =
    value.trim() === ''
      ? tried
        ? requiredMessage
        : undefined
      : value.length > maxLength
        ? tooLongMessage
        : undefined;
  const fieldProps = {
    label,
    hint,
    value,
    error: problem,
    'data-testid': fieldTestId,
    onBlur: () => setTried(true),
  };
  return (
    <FormDialog
      title={title}
      onClose={onClose}
      formId={formId}
      submitLabel={submitLabel}
      submitTestId={submitTestId}
      pending={pending}
    >
      <form
        id={formId}
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (value.trim() === '' || value.length > maxLength) return;
          onSubmit(value.trim());
        }}
      >
        {intro}
        {error && <Alert>{error}</Alert>}
        {multiline ? (
          <TextAreaField {...fieldProps} rows={rows} onChange={(event) => setValue(event.target.value)} />
        ) : (
          <TextField
            {...fieldProps}
            autoComplete={autoComplete}
            onChange={(event) => setValue(event.target.value)}
          />
        )}
      </form>
      {children}
    </FormDialog>
  );
}
