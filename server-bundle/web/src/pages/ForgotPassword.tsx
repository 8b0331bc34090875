import { useEffect, useState, type FormEvent } from 'react';
import type { Api } from '../api/client';
import { ErrorNote, InfoNote } from '../components/Notes';
import { useAction } from '../components/useAction';
import { navigate } from '../router';

/**
 * "Forgot password?": the email, then the same answer whether or not it has an account. Without mail on this
 * installation it says who can reset the password instead. A code from the mail (when the installation has no
 * address for links) is entered here too.
 */
export function ForgotPassword({ api }: { api: Api }) {
  const [byMail, setByMail] = useState<boolean | null>(null);
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  useEffect(() => {
    api.authOptions().then((o) => setByMail(o.passwordResetByMail), () => setByMail(false));
  }, [api]);

  function submit(e: FormEvent) {
    e.preventDefault();
    run(async () => setSent((await api.requestPasswordReset(email.trim())).message));
  }

  return (
    <main className="auth-page">
      <div className="card auth">
        <h1>Forgot your password?</h1>
        {byMail === false && (
          <p role="status">This installation sends no email, so a password cannot be reset by mail. Ask an admin of your
            organization to reset it (Members, then Reset password); the installation's owner can also reset any account
            from the console.</p>
        )}
        {byMail && !sent && (
          <form onSubmit={submit} className="auth" aria-label="Send a reset link">
            <label>Your email
              <input type="email" autoComplete="username" required value={email} autoFocus
                     onChange={(e) => setEmail(e.target.value)} />
            </label>
            <ErrorNote error={error} />
            <button type="submit" className="primary" disabled={busy}>{busy ? 'Sending…' : 'Send me a reset link'}</button>
          </form>
        )}
        {sent && <InfoNote>{sent}</InfoNote>}
        {byMail && (
          <details>
            <summary>I have a code from the mail</summary>
            <form className="auth" onSubmit={(e) => { e.preventDefault(); navigate({ page: 'reset', token: code.trim() }); }}>
              <label>Code
                <input value={code} required onChange={(e) => setCode(e.target.value)} />
              </label>
              <button type="submit">Continue</button>
            </form>
          </details>
        )}
        <a href="#/">Back to sign in</a>
      </div>
    </main>
  );
}
