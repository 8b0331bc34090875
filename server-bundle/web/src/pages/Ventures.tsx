import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { VENTURE_STAGES, type Venture } from '../api/types';
import { ErrorNote, ReadOnlyNote, messageOf } from '../components/Notes';
import { useAction } from '../components/useAction';
import { atLeastVersion, useLiveEvents, useSession } from '../context';
import { hrefOf, navigate } from '../router';
import { label } from '../workspace/model';
import { useOverviewRights } from '../workspace/useOverviewRights';

export function Ventures() {
  const { api, org, serverVersion } = useSession();
  const [ventures, setVentures] = useState<Venture[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const may = useOverviewRights();
  const editable = may('create');

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
      {editable ? <NewVenture /> : org.role === 'viewer' && <ReadOnlyNote role={org.role} />}
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
      {atLeastVersion(serverVersion, '1.2.0') && <RecentlyDeleted changes={ventures?.length ?? 0} restorable={may('delete')} />}
    </section>
  );
}

/** Deleted ventures of the last 30 days, each restorable with everything it held. */
function RecentlyDeleted({ changes, restorable }: { changes: number; restorable: boolean }) {
  const { api, org } = useSession();
  const [deleted, setDeleted] = useState<(Venture & { deletedAt: string })[]>([]);
  const { error, run } = useAction();
  useEffect(() => { api.deletedVentures(org.id).then(setDeleted, () => undefined); }, [api, org.id, changes]);
  if (deleted.length === 0) return null;
  return (
    <section className="card" aria-labelledby="deleted-title">
      <h2 id="deleted-title">Recently deleted</h2>
      <p className="muted">Restorable for 30 days after deletion, with everything they held.</p>
      <ErrorNote error={error} />
      <ul className="plain">
        {deleted.map((v) => (
          <li key={v.id} className="row">
            <span>{v.name} <span className="muted small">deleted {new Date(v.deletedAt).toLocaleString()}</span></span>
            {restorable && <button type="button" onClick={() => run(async () => {
              await api.restoreVenture(org.id, v.id);
              setDeleted((list) => list.filter((x) => x.id !== v.id));
            })}>Restore</button>}
          </li>
        ))}
      </ul>
    </section>
  );
}


function NewVenture() {
  const { api, org, serverVersion } = useSession();
  const profiles = atLeastVersion(serverVersion, '1.2.0');
  const [name, setName] = useState('');
  const [hypothesis, setHypothesis] = useState('');
  const [industry, setIndustry] = useState('');
  const [stage, setStage] = useState('');
  const { busy, error, setError, run } = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) { setError('Give the venture a name.'); return; }
    run(async () => {
      const profile: Record<string, string> = {};
      if (industry.trim()) profile.industry = industry.trim();
      if (stage) profile.stage = stage;
      const created = await api.createVenture(org.id, name.trim(), hypothesis.trim(), profile);
      setName('');
      setHypothesis('');
      navigate({ page: 'venture', id: created.id, tab: profiles ? 'welcome' : undefined });
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
        {profiles && <>
          <label>Industry
            <input maxLength={100} value={industry} placeholder="e.g. Agriculture" onChange={(e) => setIndustry(e.target.value)} />
          </label>
          <label>Stage
            <select value={stage} onChange={(e) => setStage(e.target.value)}>
              <option value="">—</option>{VENTURE_STAGES.map((s) => <option key={s} value={s}>{label(s)}</option>)}
            </select>
          </label>
        </>}
      </div>
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={busy}>{busy ? 'Creating…' : 'Create venture'}</button>
    </form>
  );
}
