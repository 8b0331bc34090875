import { useState, type FormEvent } from 'react';
import type { Api } from '../api/client';
import { ErrorNote } from '../components/Notes';
import { useAction } from '../components/useAction';

const MIN = 12;

/** A reset link from the mail: a new password, twice. Every session of the account ends with it. */
export function ResetPassword({ api, token, onDone }: { api: Api; token: string; onDone: () => void }) {
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const { busy, error, setError, run } = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (next.length < MIN) { setError(`The new password needs at least ${MIN} characters.`); return; }
    if (next !== again) { setError('The two passwords are not the same.'); return; }
    run(async () => { await api.resetPassword(token, next); onDone(); });
  }

  return (
    <main className="auth-page">
      <form className="card auth" onSubmit={submit} aria-labelledby="reset-title">
        <h1 id="reset-title">Choose a new password</h1>
        <p>Every session of your account is signed out once it is saved; then sign in with the new password.</p>
        <label>New password
          <input type="password" autoComplete="new-password" required value={next} autoFocus
                 aria-describedby="reset-rule" onChange={(e) => setNext(e.target.value)} />
        </label>
        <span id="reset-rule" className="hint">At least {MIN} characters.</span>
        <label>New password again
          <input type="password" autoComplete="new-password" required value={again}
                 onChange={(e) => setAgain(e.target.value)} />
        </label>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Saving…' : 'Save the new password'}</button>
        <a href="#/forgot">Ask for a new link</a>
      </form>
    </main>
  );
}
