import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { ConfirmDialog } from '../../ui/Dialog.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { useToast } from '../../ui/Toast.tsx';

/**
 * The list of a task section (comments, files, history) in each of its states: a spinner
 * while it loads, the error with a retry, a quiet line when there is nothing, else the rows.
 * Kept in one place so the sections of the task page load and fail alike.
 */
export function SectionList<TData extends readonly unknown[]>({
  query,
  empty,
  children,
}: {
  query: UseQueryResult<TData>;
  empty: string;
  children: (items: TData) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Spinner />;
  if (query.isError)
    return (
      <ErrorState
        message={t(errorKey(query.error))}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  if (query.data.length === 0) return <p className="muted">{empty}</p>;
  return children(query.data);
}

/**
 * Asks before deleting one row of a task section (a comment, a file). A refusal stays in the
 * dialog, so the person sees why; success closes it and says so in a toast.
 */
export function DeleteRowDialog<Row extends { id: string }>({
  row,
  remove,
  title,
  message,
  confirmLabel,
  deleted,
  onClose,
}: {
  /** The row asked about; null while closed. */
  row: Row | null;
  remove: UseMutationResult<unknown, Error, string>;
  title: string;
  message: string;
  confirmLabel: string;
  /** The toast after deleting. */
  deleted: (row: Row) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  return (
    <ConfirmDialog
      open={row !== null}
      title={title}
      message={message}
      confirmLabel={confirmLabel}
      pending={remove.isPending}
      error={remove.error ? t(errorKey(remove.error)) : null}
      onCancel={onClose}
      onConfirm={() => {
        const target = row;
        if (!target) return;
        remove.mutate(target.id, {
          onSuccess: () => {
            onClose();
            toast.success(deleted(target));
          },
        });
      }}
    />
  );
}
