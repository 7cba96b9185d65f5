import type { Comment } from '@leeway/core';
import { commentLimits } from '@leeway/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { initials } from '../../lib/format.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useUserFormat } from '../auth/use-user-format.ts';
import { useAddComment, useComments, useDeleteComment, useEditComment } from './hooks.ts';
import { MentionTextarea } from './MentionTextarea.tsx';
import { DeleteRowDialog, SectionList } from './SectionParts.tsx';
import { useTaskEdit } from './task-edit.ts';

/** A comment past the length limit; the message is shown while typing. */
function useBodyProblem(body: string): string | null {
  const { t } = useTranslation();
  return body.length > commentLimits.bodyMax ? t('validation.tooLong', { max: commentLimits.bodyMax }) : null;
}

function CommentItem({ comment, onDelete }: { comment: Comment; onDelete: (c: Comment) => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const format = useUserFormat();
  const { workspaceId, task, members, userId, isOwner } = useTaskEdit();
  const edit = useEditComment(workspaceId, task.id);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.body);
  const editId = useId();
  const mine = comment.authorId === userId;
  const problem = useBodyProblem(draft);

  function save() {
    if (problem || draft.trim() === '') return;
    edit.mutate(
      { commentId: comment.id, body: draft },
      {
        onSuccess: () => {
          setEditing(false);
          toast.success(t('tasks.comments.edited'));
        },
      },
    );
  }

  return (
    <li className="comment" data-testid="comment-item" data-comment-id={comment.id}>
      <span className="avatar avatar-sm" aria-hidden="true">
        {initials(comment.authorName)}
      </span>
      <div className="comment-main">
        <div className="comment-meta">
          <span className="comment-author">{comment.authorName}</span>
          <time className="muted" dateTime={comment.createdAt}>
            {format.dateTime(comment.createdAt)}
          </time>
          {comment.editedAt && (
            <span className="muted" title={format.dateTime(comment.editedAt)}>
              {t('tasks.comments.editedMark')}
            </span>
          )}
        </div>
        {editing ? (
          <div className="stack-sm">
            <label className="visually-hidden" htmlFor={editId}>
              {t('tasks.comments.editLabel')}
            </label>
            <MentionTextarea
              id={editId}
              value={draft}
              onChange={setDraft}
              members={members}
              onSubmit={save}
              invalid={problem !== null}
              autoFocus
              testId="comment-edit-input"
            />
            {problem && <p className="field-error">{problem}</p>}
            {edit.error && <Alert>{t(errorKey(edit.error))}</Alert>}
            <div className="form-actions">
              <Button
                size="sm"
                variant="primary"
                onClick={save}
                pending={edit.isPending}
                disabled={draft.trim() === ''}
              >
                {t('common.save')}
              </Button>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  setEditing(false);
                  setDraft(comment.body);
                  edit.reset();
                }}
              >
                {t('common.cancel')}
              </Button>
            </div>
          </div>
        ) : (
          <div
            className="markdown comment-body"
            // Server-rendered and sanitised at the storage boundary (mentions become spans);
            // user text is never put into the page as HTML anywhere else.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: bodyHtml is the server's sanitised rendering.
            dangerouslySetInnerHTML={{ __html: comment.bodyHtml }}
          />
        )}
        {!editing && (mine || isOwner) && (
          <div className="comment-actions">
            {mine && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setDraft(comment.body);
                  setEditing(true);
                }}
                data-testid="comment-edit"
              >
                {t('tasks.comments.edit')}
              </button>
            )}
            <button
              type="button"
              className="link-button link-danger"
              onClick={() => onDelete(comment)}
              data-testid="comment-delete"
            >
              {t('tasks.comments.delete')}
            </button>
          </div>
        )}
      </div>
    </li>
  );
}

/** Comments in Markdown with @mentions; own ones can be edited, own (or, for owners, any) deleted. */
export function CommentsSection() {
  const { t } = useTranslation();
  const toast = useToast();
  const { workspaceId, task, members } = useTaskEdit();
  const comments = useComments(workspaceId, task.id);
  const add = useAddComment(workspaceId, task.id);
  const remove = useDeleteComment(workspaceId, task.id);
  const [draft, setDraft] = useState('');
  const [touched, setTouched] = useState(false);
  const [deleting, setDeleting] = useState<Comment | null>(null);
  const id = useId();
  const tooLong = useBodyProblem(draft);
  const problem = tooLong ?? (touched && draft.trim() === '' ? t('validation.required') : null);

  function submit() {
    setTouched(true);
    if (draft.trim() === '' || tooLong) return;
    add.mutate(draft, {
      onSuccess: () => {
        setDraft('');
        setTouched(false);
        toast.success(t('tasks.comments.added'));
      },
    });
  }

  return (
    <section className="task-section" aria-labelledby={`${id}-title`} data-testid="comments">
      <div className="section-header">
        <h2 id={`${id}-title`} className="section-title">
          {t('tasks.comments.title')}
        </h2>
        {comments.data && comments.data.length > 0 && <span className="muted">{comments.data.length}</span>}
      </div>

      <SectionList query={comments} empty={t('tasks.comments.empty')}>
        {(items) => (
          <ul className="comment-list">
            {items.map((c) => (
              <CommentItem
                key={c.id}
                comment={c}
                onDelete={(target) => {
                  remove.reset();
                  setDeleting(target);
                }}
              />
            ))}
          </ul>
        )}
      </SectionList>

      <form
        className="comment-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label className="field-label" htmlFor={`${id}-input`}>
          {t('tasks.comments.new')}
        </label>
        <MentionTextarea
          id={`${id}-input`}
          value={draft}
          onChange={setDraft}
          members={members}
          onSubmit={submit}
          placeholder={t('tasks.comments.placeholder')}
          invalid={problem !== null}
          describedBy={`${id}-hint`}
          testId="comment-input"
        />
        {problem ? (
          <p className="field-error" id={`${id}-hint`}>
            {problem}
          </p>
        ) : (
          <p className="field-hint" id={`${id}-hint`}>
            {t('tasks.comments.hint')}
          </p>
        )}
        {add.error && <Alert>{t(errorKey(add.error))}</Alert>}
        <div className="form-actions">
          <Button
            type="submit"
            variant="primary"
            size="sm"
            pending={add.isPending}
            data-testid="comment-submit"
          >
            {t('tasks.comments.submit')}
          </Button>
        </div>
      </form>

      <DeleteRowDialog
        row={deleting}
        remove={remove}
        title={t('tasks.comments.deleteTitle')}
        message={t('tasks.comments.deleteMessage')}
        confirmLabel={t('tasks.comments.delete')}
        deleted={() => t('tasks.comments.deleted')}
        onClose={() => setDeleting(null)}
      />
    </section>
  );
}
