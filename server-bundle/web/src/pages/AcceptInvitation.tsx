import { useState, type FormEvent } from 'react';
import type { Api } from '../api/client';
import { ErrorNote } from '../components/Notes';
import { useAction } from '../components/useAction';

/** An invitation link opened by someone without an account: they choose a name and password. */
export function AcceptInvitation({ api, token, onAccepted }: {
  api: Api;
  token: string;
  onAccepted: (orgName: string) => void;
}) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    run(async () => onAccepted((await api.acceptInvitation(token, name.trim(), password)).name));
  }

  return (
    <main className="auth-page">
      <form className="card auth" onSubmit={submit} aria-labelledby="accept-title">
        <h1 id="accept-title">Join your team on Adaptive Startup</h1>
        <p>You were invited. Choose your name and a password; your email is the one the invitation was sent to.</p>
        <label>Your name
          <input autoComplete="name" required value={name} autoFocus onChange={(e) => setName(e.target.value)} />
        </label>
        <label>Password
          <input type="password" autoComplete="new-password" required value={password}
                 aria-describedby="accept-rule" onChange={(e) => setPassword(e.target.value)} />
        </label>
        <span id="accept-rule" className="hint">At least 12 characters.</span>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Joining…' : 'Join'}</button>
      </form>
    </main>
  );
}
