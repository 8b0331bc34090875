import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { canEdit, type Venture } from '../api/types';
import { ErrorNote, ReadOnlyNote, messageOf } from '../components/Notes';
import { useAction } from '../components/useAction';
import { useLiveEvents, useSession } from '../context';
import { hrefOf, navigate } from '../router';

export function Ventures() {
  const { api, org } = useSession();
  const [ventures, setVentures] = useState<Venture[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const editable = canEdit(org.role);

  const load = useCallback(() => {
    api.ventures(org.id).then((v) => { setVentures(v); setError(null); }, (e) => setError(messageOf(e)));
  }, [api, org.id]);
  useEffect(() => { setVentures(null); load(); }, [load]);

  useLiveEvents((e) => {
    if (e.type === 'venture.created' || e.type === 'venture.updated') {
      setVentures((list) => [e.data, ...(list ?? []).filter((v) => v.id !== e.data.id)]);
    } else if (e.type === 'venture.archived') {
      setVentures((list) => (list ?? []).filter((v) => v.id !== e.data.id));
    }
  }, load);

  return (
    <section aria-labelledby="ventures-title">
      <div className="page-head">
        <h1 id="ventures-title">Ventures</h1>
      </div>
      {editable ? <NewVenture /> : <ReadOnlyNote role={org.role} />}
      <ErrorNote error={error} />
      {ventures === null && !error && <p aria-busy="true">Loading ventures…</p>}
      {ventures?.length === 0 && <p className="empty">No ventures yet.{editable && ' Create the first one above.'}</p>}
      <ul className="venture-list" aria-label="Ventures">
        {ventures?.map((v) => (
          <li key={v.id} className="card venture-card">
            <a href={hrefOf({ page: 'venture', id: v.id })}><h2>{v.name}</h2></a>
            <p>{v.hypothesis || <span className="muted">No hypothesis yet.</span>}</p>
            <p className="muted small">Updated {new Date(v.updatedAt).toLocaleString()}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function NewVenture() {
  const { api, org } = useSession();
  const [name, setName] = useState('');
  const [hypothesis, setHypothesis] = useState('');
  const { busy, error, setError, run } = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) { setError('Give the venture a name.'); return; }
    run(async () => {
      const created = await api.createVenture(org.id, name.trim(), hypothesis.trim());
      setName('');
      setHypothesis('');
      navigate({ page: 'venture', id: created.id });
    });
  }

  return (
    <form className="card new-venture" onSubmit={submit} aria-labelledby="new-venture-title">
      <h2 id="new-venture-title">New venture</h2>
      <div className="grid-2">
        <label>Name
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>Hypothesis
          <input maxLength={4000} value={hypothesis} placeholder="We believe that…"
                 onChange={(e) => setHypothesis(e.target.value)} />
        </label>
      </div>
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={busy}>{busy ? 'Creating…' : 'Create venture'}</button>
    </form>
  );
}
