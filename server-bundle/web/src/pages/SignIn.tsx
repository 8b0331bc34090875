import { useEffect, useState, type FormEvent } from 'react';
import type { Api } from '../api/client';
import type { SsoFound, User } from '../api/types';
import { ErrorNote } from '../components/Notes';
import { useAction } from '../components/useAction';

/**
 * Sign in: with a password, or, when the email's domain belongs to an organization with single sign-on, with the
 * company account (the identity provider's own page). {@code failure}: why a sign-in at the provider did not work.
 */
export function SignIn({ api, onSignedIn, notice, failure }: {
  api: Api;
  onSignedIn: (token: string, user: User) => void;
  notice?: string | null;
  failure?: string | null;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [sso, setSso] = useState<SsoFound | null>(null);
  const { busy, error, run } = useAction();

  // which company account the email signs in with, asked once typing pauses
  useEffect(() => {
    const typed = email.trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(typed)) { setSso(null); return; }
    const t = setTimeout(() => { api.ssoFor(typed).then(setSso); }, 300);
    return () => clearTimeout(t);
  }, [api, email]);

  function submit(e: FormEvent) {
    e.preventDefault();
    run(async () => {
      const result = await api.login(email.trim(), password);
      onSignedIn(result.token, result.user);
    });
  }

  function companySignIn() {
    if (!sso) return;
    run(async () => { location.href = (await api.ssoStart(sso.orgId)).url; });
  }

  return (
    <main className="auth-page">
      <form className="card auth" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Adaptive Startup</h1>
        {notice && <p className="note info" role="status">{notice}</p>}
        {failure && <p className="note error" role="alert">Signing in with your company account did not work: {failure}.</p>}
        <label>Email
          <input type="email" autoComplete="username" required value={email} autoFocus
                 onChange={(e) => setEmail(e.target.value)} />
        </label>
        {sso && (
          <div className="sso">
            <button type="button" className="primary" onClick={companySignIn} disabled={busy}>
              Sign in with your company account</button>
            <span className="hint">{sso.organization} signs in through its identity provider
              {sso.ssoOnly ? '; passwords are for its founders only.' : '.'}</span>
          </div>
        )}
        <label>Password
          <input type="password" autoComplete="current-password" required={!sso} value={password}
                 onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorNote error={error} />
        <button type="submit" className={sso ? undefined : 'primary'} disabled={busy}>
          {busy ? 'Signing in…' : sso ? 'Sign in with a password' : 'Sign in'}</button>
        <a href="#/forgot">Forgot password?</a>
        <p className="hint">Just installed? The first admin's initial password is on the console's dashboard and in
          <code> admin-initial-password.txt</code> in the install folder, until it is changed at the first sign-in.</p>
      </form>
    </main>
  );
}
