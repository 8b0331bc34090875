// The person's notifications in this organization, newest first: what happened, where (a link to the page), read
// or not. The count in the top bar comes from the same list and live pushes.
import { useCallback, useEffect, useState } from 'react';
import { ErrorNote, messageOf } from '../components/Notes';
import { useAction } from '../components/useAction';
import { atLeastVersion, useLiveEvents, useSession } from '../context';
import { hrefOf } from '../router';
import type { Notice, ResourceSpec } from './model';

export function useUnreadCount(): number {
  const { api, org, serverVersion } = useSession();
  const [unread, setUnread] = useState(0);
  const supported = atLeastVersion(serverVersion, '1.2.0');
  const load = useCallback(() => {
    if (supported) api.notifications(org.id).then((n) => setUnread(n.unread), () => undefined);
  }, [api, org.id, supported]);
  useEffect(load, [load]);
  useLiveEvents((e) => { if (e.type === 'notification.created') setUnread((n) => n + 1); }, load);
  useEffect(() => {
    window.addEventListener('adaptive:notifications-read', load);
    return () => window.removeEventListener('adaptive:notifications-read', load);
  }, [load]);
  return unread;
}

export function NotificationsPage() {
  const { api, org } = useSession();
  const [items, setItems] = useState<Notice[] | null>(null);
  const [pages, setPages] = useState<Record<string, string>>({});
  const { error, setError, run } = useAction();
  const load = useCallback(() => {
    Promise.all([api.notifications(org.id), api.resources()]).then(([n, specs]) => {
      setItems(n.items);
      setPages(Object.fromEntries(specs.map((s: ResourceSpec) => [s.path, s.page])));
    }, (e) => setError(messageOf(e)));
  }, [api, org.id]);
  useEffect(load, [load]);
  useLiveEvents((e) => { if (e.type === 'notification.created') setItems((list) => [e.data, ...(list ?? [])]); }, load);
  async function act(work: () => Promise<unknown>) {
    if (await run(work)) { load(); window.dispatchEvent(new Event('adaptive:notifications-read')); }
  }
  return (
    <section aria-labelledby="notifications-title">
      <div className="page-head">
        <h1 id="notifications-title">Notifications</h1>
        {items?.some((n) => !n.readAt) && <button type="button" onClick={() => act(() => api.markAllNotificationsRead(org.id))}>Mark all read</button>}
      </div>
      <ErrorNote error={error} />
      {items?.length === 0 && <p className="empty">Nothing yet. You are told here when someone assigns you or comments on your work.</p>}
      <ul className="card plain notices" aria-label="Notifications">
        {items?.map((n) => (
          <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
            {n.ventureId && n.resource
              ? <a href={hrefOf({ page: 'venture', id: n.ventureId, tab: pages[n.resource] })}
                   onClick={() => { if (!n.readAt) act(() => api.markNotificationRead(org.id, n.id)); }}>{n.title}</a>
              : <span>{n.title}</span>}
            <span className="muted small"> {new Date(n.createdAt).toLocaleString()}</span>
            {!n.readAt && <button type="button" className="link" onClick={() => act(() => api.markNotificationRead(org.id, n.id))}
                                  aria-label={`Mark "${n.title}" read`}>Mark read</button>}
          </li>
        ))}
      </ul>
    </section>
  );
}
