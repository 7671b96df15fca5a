import { useId, useState, type FormEvent } from 'react';
import { useAppServices, useSlice } from './app-services.ts';
import { Logo } from './Logo.tsx';

/** Sign in: server (defaulting to where the console came from), email (remembered), password. */
export function ConnectScreen() {
  const { sessionStore, platform } = useAppServices();
  const signingIn = useSlice(sessionStore, (s) => s.signingIn);
  const error = useSlice(sessionStore, (s) => s.error);
  const notice = useSlice(sessionStore, (s) => s.notice);
  const lastEmail = useSlice(sessionStore, (s) => s.lastEmail);
  const lastServerUrl = useSlice(sessionStore, (s) => s.lastServerUrl);
  const [serverUrl, setServerUrl] = useState(platform.kind === 'web' ? platform.defaultServerUrl : lastServerUrl);
  const [email, setEmail] = useState(lastEmail);
  const [password, setPassword] = useState('');
  const ids = { server: useId(), email: useId(), password: useId(), error: useId() };

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    void sessionStore.getState().signIn({ serverUrl, email, password });
  };

  return (
    <main className="connect">
      <form className="connect-card" onSubmit={submit} aria-describedby={error === null ? undefined : ids.error} noValidate>
        <div className="brand brand-large">
          <Logo />
          <span>Steward</span>
        </div>
        <h1>Sign in to your console</h1>
        <p className="muted">Your audit log syncs to this device and stays readable offline.</p>
        {notice !== null && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <label htmlFor={ids.server}>Server</label>
        <input id={ids.server} name="server" type="url" inputMode="url" autoComplete="url" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} required />
        <label htmlFor={ids.email}>Email</label>
        <input id={ids.email} name="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus={lastEmail === ''} required />
        <label htmlFor={ids.password}>Password</label>
        <input id={ids.password} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus={lastEmail !== ''} required />
        {error !== null && (
          <p className="form-error" id={ids.error} role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={signingIn}>
          {signingIn ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
