import { useEffect, useState, type FormEvent } from 'react';
import type { Api } from '../api/client';
import type { AcceptedInvitation, OpenedInvitation } from '../api/types';
import { ErrorNote, messageOf } from '../components/Notes';
import { useAction } from '../components/useAction';

const GONE: Record<string, string> = {
  accepted: 'This invitation has already been used. Sign in instead.',
  expired: 'This invitation expired. Ask the person who invited you for a new one.',
  revoked: 'This invitation was withdrawn. Ask the person who invited you for a new one.',
};

/**
 * An invitation link, opened while signed out: it says which organization, role and email it is for; the
 * person chooses a name and a password (or gives the password of the account they already have with that
 * email) and is signed in by joining.
 */
export function AcceptInvitation({ api, token, onAccepted }: {
  api: Api;
  token: string;
  onAccepted: (joined: AcceptedInvitation) => void;
}) {
  const [invitation, setInvitation] = useState<OpenedInvitation | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  useEffect(() => {
    api.openInvitation(token).then(setInvitation, (e) => setLoadError(messageOf(e)));
  }, [api, token]);

  function submit(e: FormEvent) {
    e.preventDefault();
    run(async () => onAccepted(await api.acceptInvitation(token, name.trim(), password)));
  }

  if (loadError || (invitation && invitation.status !== 'pending')) {
    return (
      <main className="auth-page">
        <div className="card auth" role="alert">
          <h1>Invitation</h1>
          <p>{loadError ?? GONE[invitation!.status]}</p>
          <a href="#/">Go to sign in</a>
        </div>
      </main>
    );
  }
  if (!invitation) return <main className="auth-page"><p aria-busy="true">Loading the invitation…</p></main>;

  return (
    <main className="auth-page">
      <form className="card auth" onSubmit={submit} aria-labelledby="accept-title">
        <h1 id="accept-title">Join {invitation.organization} on Adaptive Startup</h1>
        <p data-testid="invitation-for">You were invited as <strong>{invitation.role}</strong>, with the email
          {' '}<strong>{invitation.email}</strong>.</p>
        <label>Your name
          <input autoComplete="name" value={name} autoFocus onChange={(e) => setName(e.target.value)} />
        </label>
        <label>Password
          <input type="password" autoComplete="new-password" required value={password}
                 aria-describedby="accept-rule" onChange={(e) => setPassword(e.target.value)} />
        </label>
        <span id="accept-rule" className="hint">At least 12 characters. If you already have an account here with
          this email, enter its password instead.</span>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Joining…' : 'Join'}</button>
      </form>
    </main>
  );
}
