import type { Attachment } from '@leeway/core';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { PlusIcon } from '../../ui/icons.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useUserFormat } from '../auth/use-user-format.ts';
import { formatBytes } from './bytes.ts';
import { attachmentDownloadUrl, useAttachments, useDeleteAttachment, useUploadAttachment } from './hooks.ts';
import { DeleteRowDialog, SectionList } from './SectionParts.tsx';
import { useTaskEdit } from './task-edit.ts';

/** Files on a task: upload (with progress), download, delete (uploader or owner, confirmed). */
export function AttachmentsSection() {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const format = useUserFormat();
  const { workspaceId, task, members, userId, isOwner } = useTaskEdit();
  const list = useAttachments(workspaceId, task.id);
  const upload = useUploadAttachment(workspaceId, task.id);
  const remove = useDeleteAttachment(workspaceId, task.id);
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Attachment | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  async function uploadFiles(files: FileList | null) {
    if (!files || files.length === 0) return;
    setUploadError(null);
    // One after another: progress stays readable and a size error names the right file.
    for (const file of Array.from(files)) {
      setProgress({ name: file.name, fraction: 0 });
      try {
        await upload.mutateAsync({
          file,
          onProgress: (fraction) => setProgress({ name: file.name, fraction }),
        });
        toast.success(t('tasks.attachments.uploaded', { name: file.name }));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'payload_too_large') {
          const max = typeof error.details?.maxBytes === 'number' ? error.details.maxBytes : null;
          setUploadError(
            max
              ? t('tasks.attachments.tooLarge', { name: file.name, max: formatBytes(max, i18n.language) })
              : t('tasks.attachments.tooLargeUnknown', { name: file.name }),
          );
        } else {
          setUploadError(t('tasks.attachments.failed', { name: file.name, reason: t(errorKey(error)) }));
        }
        break;
      }
    }
    setProgress(null);
    if (inputRef.current) inputRef.current.value = '';
  }

  const uploaderName = (a: Attachment) =>
    a.uploaderId
      ? (members.find((m) => m.userId === a.uploaderId)?.name ?? t('tasks.formerMember'))
      : t('tasks.someone');

  return (
    <section className="task-section" aria-labelledby={`${id}-title`} data-testid="attachments">
      <div className="section-header">
        <h2 id={`${id}-title`} className="section-title">
          {t('tasks.attachments.title')}
        </h2>
        <div>
          <input
            ref={inputRef}
            id={`${id}-file`}
            type="file"
            multiple
            className="visually-hidden"
            tabIndex={-1}
            disabled={progress !== null}
            data-testid="attachment-input"
            onChange={(event) => void uploadFiles(event.target.files)}
          />
          <Button
            size="sm"
            icon={<PlusIcon />}
            pending={progress !== null}
            onClick={() => inputRef.current?.click()}
            data-testid="attachment-upload"
          >
            {t('tasks.attachments.upload')}
          </Button>
        </div>
      </div>

      {progress && (
        <div className="upload-progress" role="status">
          <span className="upload-name">{t('tasks.attachments.uploading', { name: progress.name })}</span>
          <progress
            max={1}
            value={progress.fraction}
            aria-label={t('tasks.attachments.progress', { name: progress.name })}
          />
          <span className="muted">{Math.round(progress.fraction * 100)} %</span>
        </div>
      )}
      {uploadError && (
        <Alert>
          <span data-testid="attachment-error">{uploadError}</span>
        </Alert>
      )}

      <SectionList query={list} empty={t('tasks.attachments.empty')}>
        {(attachments) => (
          <ul className="file-list">
            {attachments.map((a) => (
              <li key={a.id} className="file-row" data-testid="attachment-item">
                <a
                  className="file-name"
                  href={attachmentDownloadUrl(workspaceId, task.id, a.id)}
                  download={a.fileName}
                  data-testid="attachment-download"
                >
                  {a.fileName}
                </a>
                <span className="muted file-meta">
                  {formatBytes(a.size, i18n.language)} · {uploaderName(a)} ·{' '}
                  <time dateTime={a.createdAt}>{format.dateTime(a.createdAt)}</time>
                </span>
                {(isOwner || a.uploaderId === userId) && (
                  <Button
                    size="sm"
                    variant="ghost"
                    className="button-danger-text"
                    aria-label={t('tasks.attachments.deleteNamed', { name: a.fileName })}
                    data-testid="attachment-delete"
                    onClick={() => {
                      remove.reset();
                      setDeleting(a);
                    }}
                  >
                    {t('tasks.attachments.delete')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </SectionList>

      <DeleteRowDialog
        row={deleting}
        remove={remove}
        title={t('tasks.attachments.deleteTitle')}
        message={t('tasks.attachments.deleteMessage', { name: deleting?.fileName ?? '' })}
        confirmLabel={t('tasks.attachments.delete')}
        deleted={(a) => t('tasks.attachments.deleted', { name: a.fileName })}
        onClose={() => setDeleting(null)}
      />
    </section>
  );
}
