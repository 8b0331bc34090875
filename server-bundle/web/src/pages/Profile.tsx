import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AccountSession } from '../api/types';
import { useSession } from '../context';
import { ErrorNote, InfoNote, messageOf } from '../components/Notes';
import { useAction } from '../components/useAction';

const MIN = 12;
const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The signed-in person's own account: name, sign-in address, password, and the sessions signed in with it. */
export function Profile() {
  return (
    <section className="profile" aria-labelledby="profile-title">
      <h1 id="profile-title">Your profile</h1>
      <NameForm />
      <EmailForm />
      <PasswordForm />
      <Notices />
      <Sessions />
    </section>
  );
}

function NameForm() {
  const { api, user, refreshUser } = useSession();
  const [name, setName] = useState(user.name ?? '');
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    run(async () => { await api.rename(name.trim()); await refreshUser(); setSaved(true); });
  }
  return (
    <form className="card" onSubmit={submit} aria-label="Your name">
      <h2>Name</h2>
      <label>Your name, as your colleagues see it
        <input value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} />
      </label>
      <ErrorNote error={error} />
      {saved && <InfoNote>Saved.</InfoNote>}
      <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save name'}</button>
    </form>
  );
}

function EmailForm() {
  const { api, user, replaceToken } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    run(async () => {
      const change = await api.changeEmail(email.trim(), password);
      setPassword('');
      if (change.pending) {
        setDone(`A confirmation link is on its way to ${change.email}. Until it is opened you sign in with ${user.email}.`);
      } else if (change.token) {
        replaceToken(change.token);
      }
    });
  }
  return (
    <form className="card" onSubmit={submit} aria-label="Your sign-in address">
      <h2>Sign-in address</h2>
      <p>You sign in with <strong>{user.email}</strong>.</p>
      <label>New address
        <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>Your password
        <input type="password" autoComplete="current-password" required value={password}
               onChange={(e) => setPassword(e.target.value)} />
      </label>
      <ErrorNote error={error} />
      {done && <InfoNote>{done}</InfoNote>}
      <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Change address'}</button>
    </form>
  );
}

function PasswordForm() {
  const { api, replaceToken } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [saved, setSaved] = useState(false);
  const { busy, error, setError, run } = useAction();
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    if (next.length < MIN) { setError(`The new password needs at least ${MIN} characters.`); return; }
    if (next !== again) { setError('The two new passwords are not the same.'); return; }
    run(async () => {
      const { token } = await api.changePassword(current, next);
      setCurrent(''); setNext(''); setAgain('');
      setSaved(true);
      replaceToken(token);
    });
  }
  return (
    <form className="card" onSubmit={submit} aria-label="Your password">
      <h2>Password</h2>
      <label>Current password
        <input type="password" autoComplete="current-password" required value={current}
               onChange={(e) => setCurrent(e.target.value)} />
      </label>
      <label>New password
        <input type="password" autoComplete="new-password" required value={next} onChange={(e) => setNext(e.target.value)} />
      </label>
      <label>New password again
        <input type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} />
      </label>
      <span className="hint">At least {MIN} characters. Every other session of your account is signed out.</span>
      <ErrorNote error={error} />
      {saved && <InfoNote>Your password was changed; your other sessions were signed out.</InfoNote>}
      <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Change password'}</button>
    </form>
  );
}

/** For admins and founders: the installation's notices by mail (a failed backup, an unhealthy stack, an update). */
function Notices() {
  const { api } = useSession();
  const [notices, setNotices] = useState<{ offered: boolean; installation: boolean } | null>(null);
  const { error, run } = useAction();
  useEffect(() => { api.notices().then(setNotices, () => setNotices(null)); }, [api]);
  if (!notices?.offered) return null;
  return (
    <section className="card" aria-labelledby="notices-title">
      <h2 id="notices-title">Notices by email</h2>
      <label className="check">
        <input type="checkbox" checked={notices.installation}
               onChange={(e) => { const on = e.target.checked; run(async () => setNotices(await api.setNotices(on))); }} />
        Email me about this installation: a failed backup, the stack no longer healthy, a new version, the
        certificate near its end (at most once a day each)
      </label>
      <ErrorNote error={error} />
    </section>
  );
}

function Sessions() {
  const { api, signOut } = useSession();
  const [sessions, setSessions] = useState<AccountSession[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const { error, setError, run } = useAction();
  const load = useCallback(() => {
    api.sessions().then(setSessions, (e) => setError(messageOf(e)));
  }, [api, setError]);
  useEffect(load, [load]);

  function end(s: AccountSession) {
    if (s.current) { signOut(); return; }
    run(async () => { await api.endSession(s.id); load(); });
  }
  function endOthers() {
    run(async () => {
      const { ended } = await api.endOtherSessions();
      setNote(`${ended} other session${ended === 1 ? '' : 's'} signed out.`);
      load();
    });
  }
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you are signed in</h2>
      <ErrorNote error={error} />
      {note && <InfoNote>{note}</InfoNote>}
      {!sessions ? <p aria-busy="true">Loading…</p> : (
        <table className="sessions">
          <thead><tr><th>Browser</th><th>From</th><th>Signed in</th><th>Last active</th><th /></tr></thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id} data-testid="session">
                <td>{s.browser}{s.current && <strong> (this one)</strong>}</td>
                <td>{s.client || 'unknown'}</td>
                <td>{s.signedInAt ? WHEN.format(new Date(s.signedInAt)) : 'before the last update'}</td>
                <td>{WHEN.format(new Date(s.lastActiveAt))}</td>
                <td><button type="button" onClick={() => end(s)}>Sign out</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={endOthers} disabled={!sessions || sessions.length < 2}>
        Sign out everywhere else
      </button>
    </section>
  );
}
