import { useState, type FormEvent } from 'react';
import type { Api } from '../api/client';
import { ErrorNote, messageOf } from '../components/Notes';

/** An invitation link opened by someone without an account: they choose a name and password. */
export function AcceptInvitation({ api, token, onAccepted }: {
  api: Api;
  token: string;
  onAccepted: (orgName: string) => void;
}) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const org = await api.acceptInvitation(token, name.trim(), password);
      onAccepted(org.name);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
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
