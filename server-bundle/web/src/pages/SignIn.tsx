import { useState, type FormEvent } from 'react';
import type { Api } from '../api/client';
import type { User } from '../api/types';
import { ErrorNote } from '../components/Notes';
import { useAction } from '../components/useAction';

export function SignIn({ api, onSignedIn, notice }: {
  api: Api;
  onSignedIn: (token: string, user: User) => void;
  notice?: string | null;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    run(async () => {
      const result = await api.login(email.trim(), password);
      onSignedIn(result.token, result.user);
    });
  }

  return (
    <main className="auth-page">
      <form className="card auth" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Adaptive Startup</h1>
        {notice && <p className="note info" role="status">{notice}</p>}
        <label>Email
          <input type="email" autoComplete="username" required value={email} autoFocus
                 onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>Password
          <input type="password" autoComplete="current-password" required value={password}
                 onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        <a href="#/forgot">Forgot password?</a>
        <p className="hint">Just installed? The first admin's initial password is on the console's dashboard and in
          <code> admin-initial-password.txt</code> in the install folder, until it is changed at the first sign-in.</p>
      </form>
    </main>
  );
}
