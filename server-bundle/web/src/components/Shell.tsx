import { useState } from 'react';
import { atLeastVersion, useSession } from '../context';
import { Members } from '../pages/Members';
import { Profile } from '../pages/Profile';
import { VentureDetail } from '../pages/VentureDetail';
import { Ventures } from '../pages/Ventures';
import { NotificationsPage, useUnreadCount } from '../workspace/NotificationsPage';
import { hrefOf, navigate, type Route } from '../router';
import { ConnectionBanner, LiveDot } from './ConnectionBanner';
import { ErrorNote, messageOf } from './Notes';

export function Shell({ route }: { route: Route }) {
  const { user, org, orgs, live, serverVersion, switchOrg, signOut } = useSession();
  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <span className="brand">Adaptive Startup</span>
        <label className="org-switch">
          <span className="sr-only">Organization</span>
          <select aria-label="Organization" value={org.id} onChange={(e) => switchOrg(e.target.value)}>
            {orgs.map((o) => <option key={o.id} value={o.id}>{o.name} ({o.role})</option>)}
          </select>
        </label>
        <nav aria-label="Main">
          <a href={hrefOf({ page: 'ventures' })} aria-current={route.page.startsWith('venture') ? 'page' : undefined}>Ventures</a>
          <a href={hrefOf({ page: 'members' })} aria-current={route.page === 'members' ? 'page' : undefined}>Members</a>
          {atLeastVersion(serverVersion, '1.2.0') && <NotificationsLink current={route.page === 'notifications'} />}
        </nav>
        <span className="spacer" />
        <LiveDot live={live} />
        {atLeastVersion(serverVersion, '1.2.0')
          ? <a className="who" href={hrefOf({ page: 'profile' })} title={`${user.email}: your profile`}
               aria-current={route.page === 'profile' ? 'page' : undefined}>{user.name || user.email}</a>
          : <span className="who" title={user.email}>{user.name || user.email}</span>}
        <button type="button" onClick={signOut}>Sign out</button>
      </header>
      <ConnectionBanner live={live} />
      <main id="main" tabIndex={-1}>
        {route.page === 'ventures' && <Ventures />}
        {route.page === 'venture' && <VentureDetail key={`${org.id}/${route.id}`} id={route.id} tab={route.tab ?? 'overview'} />}
        {route.page === 'members' && <Members key={org.id} />}
        {route.page === 'notifications' && <NotificationsPage key={org.id} />}
        {route.page === 'invitation' && <JoinAsMember token={route.token} />}
        {route.page === 'profile' && <Profile />}
      </main>
    </>
  );
}

/** "Notifications", with how many are unread (kept current by the live push). */
function NotificationsLink({ current }: { current: boolean }) {
  const unread = useUnreadCount();
  return (
    <a href={hrefOf({ page: 'notifications' })} aria-current={current ? 'page' : undefined}>
      Notifications{unread > 0 && <span className="badge" aria-label={`${unread} unread`}>{unread}</span>}
    </a>
  );
}

/** An invitation link opened while signed in: join with this account. */
function JoinAsMember({ token }: { token: string }) {
  const { api, refreshOrgs, switchOrg } = useSession();
  const [error, setError] = useState<string | null>(null);
  async function accept() {
    try {
      const org = await api.acceptInvitation(token, '', '');
      await refreshOrgs();
      switchOrg(org.id);
    } catch (e) {
      setError(messageOf(e));
    }
  }
  return (
    <section className="card">
      <h1>Invitation</h1>
      <p>Join the organization that invited you with the account you are signed in with?</p>
      <ErrorNote error={error} />
      <div className="row">
        <button type="button" className="primary" onClick={accept}>Join</button>
        <button type="button" onClick={() => navigate({ page: 'ventures' })}>Not now</button>
      </div>
    </section>
  );
}
