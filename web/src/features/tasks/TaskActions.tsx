import { taskLimits } from '@leeway/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/Dialog.tsx';
import { TextPromptDialog } from '../../ui/TextPromptDialog.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { NudgeButton } from '../nudges/NudgeButton.tsx';
import {
  useDeleteTask,
  useDeleteTemplate,
  useFollowTask,
  useSaveAsTemplate,
  useTemplateList,
} from './hooks.ts';
import { useTaskEdit } from './task-edit.ts';

/** The workspace's templates, each removable after a second, explicit click. */
function TemplateList() {
  const { t } = useTranslation();
  const toast = useToast();
  const { workspaceId } = useTaskEdit();
  const templates = useTemplateList(workspaceId);
  const remove = useDeleteTemplate(workspaceId);
  const [confirming, setConfirming] = useState<string | null>(null);
  if (!templates.data || templates.data.length === 0) return null;
  return (
    <div className="stack-sm">
      <h3 className="field-label">{t('tasks.template.existing')}</h3>
      <ul className="template-list">
        {templates.data.map((template) => (
          <li key={template.id} className="template-row" data-testid="template-row">
            <span className="template-name">{template.name}</span>
            {confirming === template.id ? (
              <span className="template-confirm">
                <Button
                  size="sm"
                  variant="danger"
                  pending={remove.isPending}
                  data-testid="template-delete-confirm"
                  onClick={() =>
                    remove.mutate(template.id, {
                      onSuccess: () => {
                        setConfirming(null);
                        toast.success(t('tasks.template.deleted', { name: template.name }));
                      },
                      onError: (error) => toast.error(t(errorKey(error))),
                    })
                  }
                >
                  {t('tasks.template.deleteConfirm')}
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>
                  {t('common.cancel')}
                </Button>
              </span>
            ) : (
              <Button
                size="sm"
                variant="ghost"
                className="button-danger-text"
                aria-label={t('tasks.template.deleteNamed', { name: template.name })}
                data-testid="template-delete"
                onClick={() => setConfirming(template.id)}
              >
                {t('tasks.template.delete')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function SaveTemplateDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const { workspaceId, task } = useTaskEdit();
  const saveTemplate = useSaveAsTemplate(workspaceId, task.id);
  return (
    <TextPromptDialog
      title={t('tasks.template.title')}
      label={t('tasks.template.name')}
      initialValue={task.title.slice(0, taskLimits.titleMax)}
      maxLength={taskLimits.titleMax}
      autoComplete="off"
      submitLabel={t('tasks.template.submit')}
      submitTestId="template-submit"
      fieldTestId="template-name"
      pending={saveTemplate.isPending}
      error={saveTemplate.error ? t(errorKey(saveTemplate.error)) : null}
      requiredMessage={t('validation.required')}
      tooLongMessage={t('validation.tooLong', { max: taskLimits.titleMax })}
      intro={<p className="muted">{t('tasks.template.intro')}</p>}
      onClose={onClose}
      onSubmit={(name) =>
        saveTemplate.mutate(name, {
          onSuccess: (template) => {
            toast.success(t('tasks.template.saved', { name: template.name }));
            onClose();
          },
        })
      }
    >
      <TemplateList />
    </TextPromptDialog>
  );
}

/** Follow, save as template, delete (owners). */
export function TaskActions({ onDeleted }: { onDeleted: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const { workspaceId, task, isOwner } = useTaskEdit();
  const follow = useFollowTask(workspaceId, task.id);
  const remove = useDeleteTask(workspaceId);
  const [templateOpen, setTemplateOpen] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  return (
    <div className="task-actions">
      <Button
        size="sm"
        aria-pressed={task.following}
        pending={follow.isPending}
        data-testid="task-follow"
        onClick={() =>
          follow.mutate(!task.following, {
            onSuccess: (_data, following) =>
              toast.success(following ? t('tasks.follow.followed') : t('tasks.follow.unfollowed')),
            onError: (error) => toast.error(t(errorKey(error))),
          })
        }
      >
        {task.following ? t('tasks.follow.following') : t('tasks.follow.follow')}
      </Button>
      <NudgeButton />
      <Button size="sm" onClick={() => setTemplateOpen(true)} data-testid="task-save-template">
        {t('tasks.template.open')}
      </Button>
      {isOwner && (
        <Button
          size="sm"
          variant="ghost"
          className="button-danger-text"
          onClick={() => {
            remove.reset();
            setConfirmDelete(true);
          }}
          data-testid="task-delete"
        >
          {t('tasks.delete.open')}
        </Button>
      )}
      {templateOpen && <SaveTemplateDialog onClose={() => setTemplateOpen(false)} />}
      <ConfirmDialog
        open={confirmDelete}
        title={t('tasks.delete.title')}
        message={t('tasks.delete.message', { title: task.title })}
        confirmLabel={t('tasks.delete.confirm')}
        pending={remove.isPending}
        error={remove.error ? t(errorKey(remove.error)) : null}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() =>
          remove.mutate(task.id, {
            onSuccess: () => {
              setConfirmDelete(false);
              toast.success(t('tasks.delete.done', { title: task.title }));
              onDeleted();
            },
          })
        }
      />
    </div>
  );
}
