// The organization's custom roles (server 1.2.0, admins): each with the workspace pages it shows and the rights it
// gives there, who holds it, a form for a new one. The server holds every role on every route.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Member } from '../api/types';
import { ErrorNote, messageOf } from '../components/Notes';
import { useAction } from '../components/useAction';
import { useSession } from '../context';
import { label, type CustomRole } from './model';

export function CustomRolesPanel({ members }: { members: Member[] }) {
  const { api, org } = useSession();
  const [roles, setRoles] = useState<CustomRole[]>([]);
  const [pages, setPages] = useState<string[]>([]);
  const { error, setError, run } = useAction();
  const load = useCallback(() => {
    Promise.all([api.customRoles(org.id), api.myAccess(org.id)])
      .then(([r, a]) => { setRoles(r); setPages(a.pages); }, (e) => setError(messageOf(e)));
  }, [api, org.id]);
  useEffect(load, [load]);
  async function act(work: () => Promise<unknown>) {
    if (await run(work)) load();
  }
  const assignable = members.filter((m) => m.role === 'member' || m.role === 'viewer');
  const nameOf = (id: string) => members.find((m) => m.userId === id)?.email ?? id;
  return (
    <section className="card" aria-labelledby="roles-title">
      <h2 id="roles-title">Custom roles</h2>
      <p className="muted">A custom role decides which workspace pages a member or viewer sees and whether they may
        add, edit or delete there. Founders and admins always have every right.</p>
      <ErrorNote error={error} />
      {roles.map((r) => (
        <article key={r.id} className="role" aria-label={`Custom role ${r.name}`}>
          <div className="page-head">
            <h3>{r.name}</h3>
            <button type="button" className="danger" onClick={() => confirm(`Delete the role ${r.name}?`)
              && act(() => api.deleteCustomRole(org.id, r.id))}>Delete role</button>
          </div>
          <p>{r.allowedPages.map(label).join(', ') || 'No pages'} · {[r.canCreate && 'add', r.canEdit && 'edit',
            r.canDelete && 'delete'].filter(Boolean).join(', ') || 'view only'}</p>
          <ul className="plain">
            {(r.holders ?? []).map((id) => (
              <li key={id} className="row">{nameOf(id)}
                <button type="button" onClick={() => act(() => api.assignCustomRole(org.id, id, null))}
                        aria-label={`Take ${r.name} from ${nameOf(id)}`}>Take away</button></li>
            ))}
          </ul>
          <label className="inline">Give to
            <select value="" onChange={(e) => e.target.value && act(() => api.assignCustomRole(org.id, e.target.value, r.id))}>
              <option value="">Choose a member…</option>
              {assignable.filter((m) => !(r.holders ?? []).includes(m.userId))
                .map((m) => <option key={m.userId} value={m.userId}>{m.email}</option>)}
            </select>
          </label>
        </article>
      ))}
      <NewRole pages={pages} onCreated={load} />
    </section>
  );
}

function NewRole({ pages, onCreated }: { pages: string[]; onCreated(): void }) {
  const { api, org } = useSession();
  const [name, setName] = useState('');
  const [allowed, setAllowed] = useState<string[]>([]);
  const [rights, setRights] = useState({ canCreate: false, canEdit: false, canDelete: false });
  const { busy, error, run } = useAction();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await run(() => api.createCustomRole(org.id, { name: name.trim(), description: '', allowedPages: allowed, ...rights }))) {
      setName('');
      setAllowed([]);
      onCreated();
    }
  }
  return (
    <form onSubmit={submit} aria-label="New custom role">
      <h3>New role</h3>
      <label>Name<input required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} /></label>
      <fieldset><legend>Pages</legend>
        <div className="row wrap">{pages.map((p) => (
          <label key={p} className="check"><input type="checkbox" checked={allowed.includes(p)}
            onChange={(e) => setAllowed(e.target.checked ? [...allowed, p] : allowed.filter((x) => x !== p))} />{label(p)}</label>
        ))}</div>
      </fieldset>
      <fieldset><legend>On those pages they may</legend>
        <div className="row wrap">{(['canCreate', 'canEdit', 'canDelete'] as const).map((k) => (
          <label key={k} className="check"><input type="checkbox" checked={rights[k]}
            onChange={(e) => setRights({ ...rights, [k]: e.target.checked })} />{{ canCreate: 'add', canEdit: 'edit', canDelete: 'delete' }[k]}</label>
        ))}</div>
      </fieldset>
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={busy}>Create role</button>
    </form>
  );
}
