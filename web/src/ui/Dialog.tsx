import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from './Alert.tsx';
import { Button } from './Button.tsx';

export interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children?: ReactNode;
  footer?: ReactNode;
  /** While true, Escape doesn't close (a request is running). */
  busy?: boolean;
}

/**
 * A modal on the native <dialog>: the browser traps focus, closes on Escape, puts it above
 * everything and gives focus back to the opener afterwards. A backdrop click does not close
 * it, so a stray tap can't throw away a half-made decision.
 */
export function Dialog({ open, title, onClose, children, footer, busy = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      {open && (
        <div className="dialog-content">
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          <div className="dialog-body">{children}</div>
          {footer && <div className="dialog-footer">{footer}</div>}
        </div>
      )}
    </dialog>
  );
}

export interface FormDialogProps {
  title: string;
  onClose: () => void;
  /** The id of the `<form>` among the children: the footer sits outside it and submits it by `form=`. */
  formId: string;
  submitLabel: string;
  submitTestId: string;
  /** A request is running: the submit button spins, Cancel and Escape are held off. */
  pending: boolean;
  children?: ReactNode;
}

/** A dialog that edits something: shown while mounted, its footer is Cancel and the form's submit button. */
export function FormDialog({
  title,
  onClose,
  formId,
  submitLabel,
  submitTestId,
  pending,
  children,
}: FormDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      busy={pending}
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form={formId} variant="primary" pending={pending} data-testid={submitTestId}>
            {submitLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending?: boolean;
  tone?: 'danger' | 'primary';
  error?: string | null;
}

export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  onConfirm,
  onCancel,
  pending = false,
  tone = 'danger',
  error,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onCancel}
      busy={pending}
      footer={
        <>
          <Button onClick={onCancel} disabled={pending} autoFocus>
            {t('common.cancel')}
          </Button>
          <Button variant={tone} onClick={onConfirm} pending={pending} data-testid="confirm-submit">
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="dialog-message">{message}</div>
      {error && <Alert>{error}</Alert>}
    </Dialog>
  );
}
