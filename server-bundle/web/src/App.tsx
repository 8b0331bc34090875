// Who is here decides what shows: signed out -> sign in (or accept an invitation, or recover the password);
// initial password -> change it; otherwise the app for the chosen organization. A link from a mail (a reset, an
// address to confirm) shows its page whoever is signed in.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Api, ApiError } from './api/client';
import type { Organization, User } from './api/types';
import { Shell } from './components/Shell';
import { messageOf } from './components/Notes';
import { Session, type SessionContext } from './context';
import { LiveConnection } from './live';
import { AcceptInvitation } from './pages/AcceptInvitation';
import { ChangePassword } from './pages/ChangePassword';
import { ConfirmEmail } from './pages/ConfirmEmail';
import { ForgotPassword } from './pages/ForgotPassword';
import { ResetPassword } from './pages/ResetPassword';
import { SignIn } from './pages/SignIn';
import { SsoReturn } from './pages/SsoReturn';
import { navigate, useRoute } from './router';
import { session } from './session';

interface Loaded {
  user: User;
  orgs: Organization[];
  serverVersion: string;
}

export function App() {
  const route = useRoute();
  const [token, setToken] = useState<string | null>(session.token);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [mustChange, setMustChange] = useState<User | null>(null);
  const [orgId, setOrgId] = useState<string | null>(session.orgId);
  const [notice, setNotice] = useState<string | null>(null);
  const [unreachable, setUnreachable] = useState<string | null>(null);

  const signOut = useCallback((why?: string) => {
    session.saveToken(null);
    setToken(null);
    setLoaded(null);
    setMustChange(null);
    setNotice(why ?? null);
  }, []);
  const api = useMemo(() => new Api(token, () => signOut('Your session ended; sign in again.')), [token, signOut]);

  const load = useCallback(async () => {
    if (!token) return;
    try {
      const user = await api.me();
      if (user.mustChangePassword) { setMustChange(user); return; }
      const [orgs, version] = await Promise.all([api.organizations(), api.version()]);
      setUnreachable(null);
      setLoaded({ user, orgs, serverVersion: version.version });
    } catch (e) {
      if (e instanceof ApiError && e.unreachable) setUnreachable(e.message);
      else if (!(e instanceof ApiError && e.status === 401)) setUnreachable(messageOf(e));
    }
  }, [api, token]);
  useEffect(() => { load(); }, [load]);
  const reload = useRef(load);
  reload.current = load;
  useEffect(() => {
    if (!unreachable) return;
    const t = setTimeout(load, 3000);
    return () => clearTimeout(t);
  }, [unreachable, load]);

  const [live, setLive] = useState<LiveConnection | null>(null);
  const hasLoaded = loaded !== null;
  useEffect(() => {
    if (!hasLoaded || !token) return;
    const connection = new LiveConnection(token, () => signOut('Your session ended; sign in again.'),
      () => { reload.current(); });
    setLive(connection);
    return () => { connection.close(); setLive(null); };
  }, [hasLoaded, token, signOut]);

  function signedIn(newToken: string, user: User) {
    session.saveToken(newToken);
    setNotice(null);
    if (user.mustChangePassword) setMustChange(user);
    setToken(newToken);
  }

  // Links from mail work signed in or out; each ends every session of its account.
  if (route.page === 'reset') {
    return <ResetPassword api={api} token={route.token} onDone={() => {
      navigate({ page: 'ventures' });
      signOut('Your password was changed and every session signed out. Sign in with the new password.');
    }} />;
  }
  if (route.page === 'confirm-email') {
    return <ConfirmEmail api={api} token={route.token} onDone={(email) => {
      navigate({ page: 'ventures' });
      signOut(`Your sign-in address is now ${email}. Sign in with it.`);
    }} />;
  }
  if (route.page === 'sso') {
    return <SsoReturn api={api} code={route.code} onSignedIn={(t, org) => {
      session.saveOrgId(org);
      setOrgId(org);
      session.saveToken(t);
      setNotice(null);
      setToken(t);
      navigate({ page: 'ventures' });
    }} />;
  }
  if (!token) {
    if (route.page === 'forgot') return <ForgotPassword api={api} />;
    if (route.page === 'sso-failed') return <SignIn api={api} onSignedIn={signedIn} failure={route.reason} />;
    if (route.page === 'invitation') {
      return <AcceptInvitation key={route.token} api={api} token={route.token} onAccepted={(joined) => {
        navigate({ page: 'ventures' });
        if (joined.token) {
          session.saveOrgId(joined.id);
          setOrgId(joined.id);
          session.saveToken(joined.token);
          setToken(joined.token);
        }
      }} />;
    }
    return <SignIn api={api} onSignedIn={signedIn} notice={notice} />;
  }
  if (mustChange) {
    return <ChangePassword api={api} email={mustChange.email} onSignOut={() => api.logout().finally(() => signOut())}
                           onChanged={(t) => { setMustChange(null); session.saveToken(t); setToken(t); }} />;
  }
  if (unreachable && !loaded) {
    return <main className="auth-page"><div className="card auth" role="alert"><h1>Adaptive Startup</h1>
      <p>{unreachable}</p><p className="muted">Trying again every few seconds…</p></div></main>;
  }
  if (!loaded || !live) return <main className="auth-page"><p aria-busy="true">Loading…</p></main>;
  if (loaded.orgs.length === 0) {
    return <main className="auth-page"><div className="card auth"><h1>No organization</h1>
      <p>You are not a member of any organization any more. Ask an admin for an invitation.</p>
      <button type="button" onClick={() => signOut()}>Sign out</button></div></main>;
  }

  const org = loaded.orgs.find((o) => o.id === orgId) ?? loaded.orgs[0];
  const context: SessionContext = {
    api, user: loaded.user, orgs: loaded.orgs, org, live, serverVersion: loaded.serverVersion,
    switchOrg: (id) => { session.saveOrgId(id); setOrgId(id); navigate({ page: 'ventures' }); },
    refreshOrgs: async () => { const orgs = await api.organizations(); setLoaded({ ...loaded, orgs }); },
    refreshUser: async () => { const user = await api.me(); setLoaded({ ...loaded, user }); },
    replaceToken: (t) => { session.saveToken(t); setToken(t); },
    // The live socket is closed first: the server ends it (4401) as the session ends, and that must not be read as
    // a session that ended by itself.
    signOut: () => {
      live.close();
      api.logout().then((r) => {
        signOut('You signed out.');
        // a session from the company's identity provider ends there too, which then sends the browser back
        if (r?.providerLogout) location.href = r.providerLogout;
      }, () => signOut('You signed out.'));
    },
  };
  return <Session.Provider value={context}><Shell route={route} /></Session.Provider>;
}
