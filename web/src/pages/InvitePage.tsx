import type { InvitationPreview } from '@leeway/core';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { LoginForm } from '../features/auth/LoginForm.tsx';
import { SignupForm } from '../features/auth/SignupForm.tsx';
import { useCurrentUser } from '../features/auth/session.ts';
import { useUserFormat } from '../features/auth/use-user-format.ts';
import { useAcceptInvitation, useInvitationPreview } from '../features/members/hooks.ts';
import { ApiError } from '../lib/api.ts';
import { errorKey } from '../lib/errors.ts';
import { tokenFromHash } from '../lib/fragment.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { Alert } from '../ui/Alert.tsx';
import { Button } from '../ui/Button.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { LoadingState } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';

type Choice = 'none' | 'signup' | 'login';

function AcceptError({ error }: { error: Error }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.code === 'already_member')
    return (
      <Alert tone="info">
        {t('errors.already_member')} <Link to="/workspaces">{t('invite.toWorkspaces')}</Link>
      </Alert>
    );
  if (error instanceof ApiError && error.code === 'token_invalid')
    return <Alert>{t('invite.invalid')}</Alert>;
  return <Alert>{t(errorKey(error))}</Alert>;
}

function InvalidInvitation({ missing }: { missing: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="stack" data-testid="invite-invalid">
      <Alert>{missing ? t('invite.missingToken') : t('invite.invalid')}</Alert>
      <p className="muted">{t('invite.invalidHint')}</p>
      <p>
        <Link to="/">{t('invite.toStart')}</Link>
      </p>
    </div>
  );
}

function PreviewSummary({ preview }: { preview: InvitationPreview }) {
  const { t } = useTranslation();
  const format = useUserFormat();
  return (
    <div className="invite-summary" data-testid="invite-preview">
      <p className="invite-workspace">{preview.workspaceName}</p>
      <dl className="facts">
        <div>
          <dt>{t('invite.role')}</dt>
          <dd>{t(`roles.${preview.role}`)}</dd>
        </div>
        <div>
          <dt>{t('invite.invitedBy')}</dt>
          <dd>{preview.invitedBy}</dd>
        </div>
        {preview.email && (
          <div>
            <dt>{t('invite.sentTo')}</dt>
            <dd>{preview.email}</dd>
          </div>
        )}
        <div>
          <dt>{t('invite.validUntil')}</dt>
          <dd>
            <time dateTime={preview.expiresAt}>{format.date(preview.expiresAt)}</time>
          </dd>
        </div>
      </dl>
    </div>
  );
}

/**
 * /invite#<token>. Signed in: one "Join" button. Signed out: create an account or log in right
 * here; the invitation is then accepted at once, without a second click.
 */
export function InvitePage() {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const { hash } = useLocation();
  const token = tokenFromHash(hash);
  const user = useCurrentUser();
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation();
  const [choice, setChoice] = useState<Choice>('none');
  usePageTitle(t('invite.title'));

  function acceptNow() {
    if (!token) return;
    accept.mutate(token, {
      onSuccess: (workspace) => {
        toast.success(t('invite.joined', { workspace: workspace.name }));
        void navigate(`/w/${workspace.id}`, { replace: true });
      },
    });
  }

  // Someone who signed up or logged in on this page has already said "join": do it for them,
  // once, as soon as the session is there (and show progress, not a second button).
  const joinAfterAuth = user !== null && choice !== 'none';
  const joinStarted = useRef(false);
  const acceptRef = useRef(acceptNow);
  acceptRef.current = acceptNow;
  useEffect(() => {
    if (joinAfterAuth && !joinStarted.current) {
      joinStarted.current = true;
      acceptRef.current();
    }
  }, [joinAfterAuth]);

  let body: ReactNode;
  if (!token) {
    body = <InvalidInvitation missing />;
  } else if (preview.isPending) {
    body = <LoadingState />;
  } else if (preview.isError) {
    body =
      preview.error instanceof ApiError &&
      (preview.error.code === 'token_invalid' || preview.error.code === 'not_found') ? (
        <InvalidInvitation missing={false} />
      ) : (
        <ErrorState
          message={t(errorKey(preview.error))}
          onRetry={() => void preview.refetch()}
          retrying={preview.isFetching}
        />
      );
  } else {
    const data = preview.data;
    const acceptError = accept.error;
    const alreadyMember = acceptError instanceof ApiError && acceptError.code === 'already_member';
    body = (
      <div className="stack">
        <p className="muted">{t('invite.intro', { name: data.invitedBy })}</p>
        <PreviewSummary preview={data} />
        {joinAfterAuth && !accept.isError ? (
          <LoadingState label={t('invite.joining')} />
        ) : user ? (
          <>
            <p>{t('invite.signedInAs', { name: user.name, email: user.email })}</p>
            {acceptError && <AcceptError error={acceptError} />}
            <div className="form-actions">
              {!alreadyMember && (
                <Button
                  variant="primary"
                  pending={accept.isPending}
                  onClick={acceptNow}
                  data-testid="invite-accept-submit"
                >
                  {t('invite.accept')}
                </Button>
              )}
              <Link to="/" className="link-subtle">
                {alreadyMember ? t('invite.toStart') : t('invite.notNow')}
              </Link>
            </div>
          </>
        ) : (
          <>
            <p>{t('invite.needAccount')}</p>
            <fieldset className="choice">
              <legend className="visually-hidden">{t('invite.chooseLabel')}</legend>
              <Button
                variant={choice === 'signup' ? 'primary' : 'secondary'}
                aria-pressed={choice === 'signup'}
                onClick={() => setChoice('signup')}
                data-testid="invite-signup-choice"
              >
                {t('invite.chooseSignup')}
              </Button>
              <Button
                variant={choice === 'login' ? 'primary' : 'secondary'}
                aria-pressed={choice === 'login'}
                onClick={() => setChoice('login')}
                data-testid="invite-login-choice"
              >
                {t('invite.chooseLogin')}
              </Button>
            </fieldset>
            {choice === 'signup' && (
              <section aria-label={t('invite.chooseSignup')}>
                <SignupForm
                  autoFocus
                  initialEmail={data.email ?? ''}
                  submitLabel={t('invite.signupAndJoin')}
                />
              </section>
            )}
            {choice === 'login' && (
              <section aria-label={t('invite.chooseLogin')}>
                <LoginForm autoFocus initialEmail={data.email ?? ''} submitLabel={t('invite.loginAndJoin')} />
              </section>
            )}
          </>
        )}
      </div>
    );
  }

  return (
    <>
      <h1>{t('invite.title')}</h1>
      {body}
    </>
  );
}
