/** First run: creates the first superuser with the one-time token from the link the server printed. */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useInstall, useInstallState } from '../../data/install/install-queries.js';
import { errorMessage, fieldErrorsOf } from '../../ui/error-message.js';
import { FormRow } from '../../ui/page.js';
import { ErrorState, Spinner } from '../../ui/query-state.js';
import { AuthLayout } from './auth-layout.js';

export function InstallPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const state = useInstallState();
  const install = useInstall();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const mismatch = confirm !== '' && confirm !== password;

  if (state.isPending) return <AuthLayout title="Set up Plinth"><Spinner /></AuthLayout>;
  if (state.isError) return <AuthLayout title="Set up Plinth"><ErrorState error={state.error} onRetry={() => void state.refetch()} /></AuthLayout>;
  if (state.data.installed && !install.isSuccess) {
    return (
      <AuthLayout title="Already set up">
        <p>A superuser exists already. <Link to="/login">Sign in</Link> instead.</p>
      </AuthLayout>
    );
  }
  const errors = fieldErrorsOf(install.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mismatch) return;
    install.mutate({ token, email, password }, { onSuccess: () => navigate('/collections', { replace: true }) });
  };
  return (
    <AuthLayout title="Create the first superuser">
      {!token && <p className="field-error">This page needs the installer link printed by the server at start (it carries a token).</p>}
      <form onSubmit={submit} className="stack">
        <FormRow label="Email" htmlFor="install-email" error={errors.email}>
          <input id="install-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </FormRow>
        <FormRow label="Password" htmlFor="install-password" error={errors.password} hint="At least 8 characters.">
          <input id="install-password" type="password" autoComplete="new-password" minLength={8} required value={password} onChange={(e) => setPassword(e.target.value)} />
        </FormRow>
        <FormRow label="Confirm password" htmlFor="install-confirm" error={mismatch ? 'Passwords do not match.' : undefined}>
          <input id="install-confirm" type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        </FormRow>
        {install.isError && !errors.email && !errors.password && (
          <p className="field-error" role="alert">
            {errorMessage(install.error)}
          </p>
        )}
        <button className="btn btn-primary" disabled={install.isPending || !token || mismatch}>
          {install.isPending ? 'Creating…' : 'Create superuser and sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
