import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '../../lib/clipboard.ts';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/Dialog.tsx';
import { CopyIcon } from '../../ui/icons.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useUserFormat } from '../auth/use-user-format.ts';
import { useCalendarFeed, useCreateCalendarFeed, useRevokeCalendarFeed } from './hooks.ts';

/**
 * "Your calendar feed": the caller's private iCalendar address in this workspace. The server
 * shows the address only in the answer that made it, so it lives in this panel's state.
 */
export function FeedPanel({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const format = useUserFormat();
  const feed = useCalendarFeed(workspaceId);
  const create = useCreateCalendarFeed(workspaceId);
  const revoke = useRevokeCalendarFeed(workspaceId);
  const [url, setUrl] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'regenerate' | 'revoke' | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const urlId = useId();

  function make() {
    create.mutate(undefined, {
      onSuccess: (made) => {
        setUrl(made.url);
        setConfirm(null);
        window.requestAnimationFrame(() => inputRef.current?.select());
      },
    });
  }

  async function copy() {
    if (!url) return;
    const ok = await copyText(url, inputRef.current);
    if (ok) toast.success(t('meetings.feed.copied'));
    else toast.error(t('meetings.feed.copyFailed'));
  }

  const data = feed.data;
  return (
    <section className="card stack mtg-feed" aria-labelledby={titleId} data-testid="feed-panel">
      <h2 id={titleId} className="mtg-h2">
        {t('meetings.feed.title')}
      </h2>
      <p className="muted">{t('meetings.feed.intro')}</p>
      {feed.isPending ? (
        <Spinner />
      ) : feed.isError ? (
        <Alert>{t(errorKey(feed.error))}</Alert>
      ) : (
        <>
          {create.isError && !confirm && <Alert>{t(errorKey(create.error))}</Alert>}
          {url && (
            <div className="field">
              <label className="field-label" htmlFor={urlId}>
                {t('meetings.feed.urlLabel')}
              </label>
              <div className="input-group">
                <input
                  ref={inputRef}
                  id={urlId}
                  className="input input-mono"
                  readOnly
                  value={url}
                  aria-describedby={`${urlId}-hint`}
                  data-testid="feed-url"
                  onFocus={(event) => event.target.select()}
                />
                <button type="button" className="input-addon-button" onClick={() => void copy()}>
                  <CopyIcon /> {t('meetings.feed.copy')}
                </button>
              </div>
              <p className="field-hint" id={`${urlId}-hint`}>
                {t('meetings.feed.urlOnce')}
              </p>
            </div>
          )}
          {data?.exists ? (
            <>
              <p>
                {data.createdAt && t('meetings.feed.active', { date: format.dateTime(data.createdAt) })}{' '}
                {data.lastUsedAt
                  ? t('meetings.feed.lastUsed', { date: format.dateTime(data.lastUsedAt) })
                  : t('meetings.feed.neverUsed')}
              </p>
              <div className="form-actions">
                <Button onClick={() => setConfirm('regenerate')} data-testid="feed-regenerate">
                  {t('meetings.feed.regenerate')}
                </Button>
                <Button variant="danger" onClick={() => setConfirm('revoke')} data-testid="feed-revoke">
                  {t('meetings.feed.revoke')}
                </Button>
              </div>
            </>
          ) : (
            <>
              <p>{t('meetings.feed.none')}</p>
              <div>
                <Button variant="primary" onClick={make} pending={create.isPending} data-testid="feed-create">
                  {t('meetings.feed.create')}
                </Button>
              </div>
            </>
          )}
          <p className="muted mtg-small">{t('meetings.feed.private')}</p>
          <p className="muted mtg-small">{t('meetings.feed.help')}</p>
        </>
      )}
      <ConfirmDialog
        open={confirm === 'regenerate'}
        title={t('meetings.feed.regenerateTitle')}
        message={t('meetings.feed.regenerateBody')}
        confirmLabel={t('meetings.feed.regenerateConfirm')}
        pending={create.isPending}
        error={create.isError ? t(errorKey(create.error)) : null}
        onConfirm={make}
        onCancel={() => setConfirm(null)}
      />
      <ConfirmDialog
        open={confirm === 'revoke'}
        title={t('meetings.feed.revokeTitle')}
        message={t('meetings.feed.revokeBody')}
        confirmLabel={t('meetings.feed.revokeConfirm')}
        pending={revoke.isPending}
        error={revoke.isError ? t(errorKey(revoke.error)) : null}
        onConfirm={() =>
          revoke.mutate(undefined, {
            onSuccess: () => {
              setUrl(null);
              setConfirm(null);
              toast.success(t('meetings.feed.revoked'));
            },
          })
        }
        onCancel={() => setConfirm(null)}
      />
    </section>
  );
}
