import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useLogin, useSession } from '../../data/session/session-hooks.js';
import { errorMessage } from '../../ui/error-message.js';
import { FormRow } from '../../ui/page.js';
import { AuthLayout } from './auth-layout.js';

export function LoginPage() {
  const { isValid } = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/collections';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  if (isValid && !login.isPending) return <Navigate to={from} replace />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email, password }, { onSuccess: () => navigate(from, { replace: true }) });
  };
  return (
    <AuthLayout title="Sign in as superuser">
      <form onSubmit={submit} className="stack">
        <FormRow label="Email" htmlFor="login-email">
          <input id="login-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </FormRow>
        <FormRow label="Password" htmlFor="login-password">
          <input id="login-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </FormRow>
        {login.isError && (
          <p className="field-error" role="alert">
            {errorMessage(login.error)}
          </p>
        )}
        <button className="btn btn-primary" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
