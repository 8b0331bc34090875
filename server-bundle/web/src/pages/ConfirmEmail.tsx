import type { Api } from '../api/client';
import { ErrorNote } from '../components/Notes';
import { useAction } from '../components/useAction';

/** The link from the mail sent to a new address: confirming makes it the account's sign-in address. */
export function ConfirmEmail({ api, token, onDone }: { api: Api; token: string; onDone: (email: string) => void }) {
  const { busy, error, run } = useAction();
  return (
    <main className="auth-page">
      <div className="card auth">
        <h1>Confirm your new email address</h1>
        <p>Your account will sign in with this address from now on, and every session of it is signed out.</p>
        <ErrorNote error={error} />
        <button type="button" className="primary" disabled={busy}
                onClick={() => run(async () => onDone((await api.confirmEmail(token)).email))}>
          {busy ? 'Confirming…' : 'Confirm'}
        </button>
        <a href="#/">Back to sign in</a>
      </div>
    </main>
  );
}
