import { useState, type FormEvent } from 'react';
import type { Api } from '../api/client';
import { ErrorNote } from '../components/Notes';
import { useAction } from '../components/useAction';

const MIN = 12;

/** The first admin's initial password must be replaced before anything else. */
export function ChangePassword({ api, email, onChanged, onSignOut }: {
  api: Api;
  email: string;
  onChanged: (token: string) => void;
  onSignOut: () => void;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const { busy, error, setError, run } = useAction();

  function problem(): string | null {
    if (next.length < MIN) return `The new password needs at least ${MIN} characters.`;
    if (next !== again) return 'The two new passwords are not the same.';
    if (next === current) return 'The new password must differ from the current one.';
    return null;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const p = problem();
    if (p) { setError(p); return; }
    run(async () => onChanged((await api.changePassword(current, next)).token));
  }

  return (
    <main className="auth-page">
      <form className="card auth" onSubmit={submit} aria-labelledby="change-title">
        <h1 id="change-title">Choose your own password</h1>
        <p>You signed in as <strong>{email}</strong> with the initial password. Replace it before you go on;
          other sessions of this account are signed out.</p>
        <label>Current (initial) password
          <input type="password" autoComplete="current-password" required value={current} autoFocus
                 onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label>New password
          <input type="password" autoComplete="new-password" required value={next}
                 aria-describedby="password-rule" onChange={(e) => setNext(e.target.value)} />
        </label>
        <span id="password-rule" className="hint">At least {MIN} characters.</span>
        <label>New password again
          <input type="password" autoComplete="new-password" required value={again}
                 onChange={(e) => setAgain(e.target.value)} />
        </label>
        <ErrorNote error={error} />
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>{busy ? 'Saving…' : 'Change password'}</button>
          <button type="button" onClick={onSignOut}>Sign out</button>
        </div>
      </form>
    </main>
  );
}
