import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { CANVAS_FIELDS, VENTURE_STAGES, type LeanCanvas, type Metric, type StoredFile, type Venture } from '../api/types';
import { AiPanel } from '../components/AiPanel';
import { Files } from '../components/Files';
import { Metrics } from '../components/Metrics';
import { ErrorNote, InfoNote, ReadOnlyNote, messageOf } from '../components/Notes';
import { atLeastVersion, useLiveEvents, useSession } from '../context';
import { label } from '../workspace/model';
import { VentureLogo } from '../workspace/VentureLogo';
import { VentureTabs } from '../workspace/VentureTabs';
import { useOverviewRights } from '../workspace/useOverviewRights';
import { hrefOf, navigate } from '../router';

interface Draft {
  name: string;
  hypothesis: string;
  canvas: LeanCanvas;
  profile: Profile;
}

/** The profile a founder edits (server 1.2.0 and newer). */
type Profile = Record<'slug' | 'foundingDate' | 'industry' | 'stage', string>;
const PROFILE_FIELDS = ['slug', 'foundingDate', 'industry', 'stage'] as const;

const draftOf = (v: Venture): Draft => ({
  name: v.name, hypothesis: v.hypothesis, canvas: { ...(v.data.leanCanvas ?? {}) },
  profile: Object.fromEntries(PROFILE_FIELDS.map((k) => [k, v[k] ?? ''])) as Profile,
});

/** The profile fields changed in the draft: set when filled, cleared when emptied. */
function profileChange(draft: Draft, venture: Venture): Record<string, unknown> {
  const change: Record<string, unknown> = {};
  const clear: string[] = [];
  for (const k of PROFILE_FIELDS) {
    if (draft.profile[k] === (venture[k] ?? '')) continue;
    if (draft.profile[k] === '') clear.push(k); else change[k] = draft.profile[k];
  }
  return clear.length ? { ...change, clear } : change;
}
const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

export function VentureDetail({ id, tab }: { id: string; tab: string }) {
  const { api, org, serverVersion } = useSession();
  const workspace = atLeastVersion(serverVersion, '1.2.0');
  const [venture, setVenture] = useState<Venture | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [theirs, setTheirs] = useState<Venture | null>(null);
  const [metrics, setMetrics] = useState<Metric[]>([]);
  const [files, setFiles] = useState<StoredFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const may = useOverviewRights();
  const editable = may('edit');
  const dirty = venture !== null && draft !== null && !sameDraft(draft, draftOf(venture));

  const load = useCallback(async () => {
    try {
      // metrics and files are pages of their own for a custom role: without them the venture still opens
      const [v, m, f] = await Promise.all([api.venture(org.id, id), api.metrics(org.id, id).catch(() => []),
        api.files(org.id, id).catch(() => [])]);
      setVenture(v);
      setDraft((d) => (d === null ? draftOf(v) : d));
      setMetrics(m);
      setFiles(f);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [api, org.id, id]);
  useEffect(() => { setVenture(null); setDraft(null); load(); }, [load]);

  useLiveEvents((e) => {
    if (e.type === 'venture.updated' && e.data.id === id) {
      if (dirty) setTheirs(e.data);
      else { setVenture(e.data); setDraft(draftOf(e.data)); }
    } else if (e.type === 'venture.archived' && e.data.id === id) {
      setError('This venture was archived by another member.');
    } else if (e.type === 'metric.added' && e.data.ventureId === id) {
      setMetrics((list) => (list.some((m) => m.id === e.data.id) ? list : [...list, e.data]));
    } else if (e.type === 'file.uploaded' && e.data.ventureId === id) {
      setFiles((list) => (list.some((f) => f.id === e.data.id) ? list : [e.data, ...list]));
    }
  }, load);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!venture || !draft) return;
    if (!draft.name.trim()) { setError('A venture needs a name.'); return; }
    setBusy(true);
    setError(null);
    try {
      const updated = await api.updateVenture(org.id, id, workspace
        ? { name: draft.name.trim(), hypothesis: draft.hypothesis, ...profileChange(draft, venture) }
        : { name: draft.name.trim(), hypothesis: draft.hypothesis, data: { leanCanvas: draft.canvas } }, venture.revision);
      setVenture(updated);
      setDraft(draftOf(updated));
      setTheirs(null);
      setSaved(true);
      setTimeout(() => setSaved(false), 3000);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 409
        ? 'Someone else saved this venture since you opened it. Load their version (your edits will be replaced) and make your change again.'
        : messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function archive() {
    if (!venture || !confirm(workspace
      ? `Delete "${venture.name}"? It goes to Recently deleted, where it can be restored with everything in it for 30 days.`
      : `Archive "${venture.name}"? It disappears from the list for every member.`)) return;
    try {
      await api.archiveVenture(org.id, id);
      navigate({ page: 'ventures' });
    } catch (err) {
      setError(messageOf(err));
    }
  }

  function loadTheirs() {
    const latest = theirs;
    setTheirs(null);
    if (latest) { setVenture(latest); setDraft(draftOf(latest)); } else { setDraft(null); load(); }
    setError(null);
  }

  if (!venture || !draft) {
    return <section><a href={hrefOf({ page: 'ventures' })}><span aria-hidden="true">← </span>All ventures</a><ErrorNote error={error} />
      {!error && <p aria-busy="true">Loading…</p>}</section>;
  }

  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const overview = (
    <>
      {theirs && (
        <div className="banner warn" role="status">
          Another member changed this venture while you were editing.
          <button type="button" onClick={loadTheirs}>Load their version</button>
        </div>
      )}
      {workspace && editable && !(venture.stage && venture.industry && venture.foundingDate) && (
        <p className="note info">This venture is not fully set up yet.{' '}
          <a href={hrefOf({ page: 'venture', id: venture.id, tab: 'welcome' })}>Walk through its first steps</a></p>
      )}
      <form className="card" onSubmit={save} aria-label="Venture">
        <fieldset disabled={!editable} aria-describedby={editable ? undefined : 'readonly-note'}>
          <div className="grid-2">
            <label>Name
              <input required maxLength={200} value={draft.name} onChange={(e) => set({ name: e.target.value })} />
            </label>
            <label>Hypothesis
              <input maxLength={4000} value={draft.hypothesis} onChange={(e) => set({ hypothesis: e.target.value })} />
            </label>
          </div>
          {workspace ? (
            <>
            <VentureLogo venture={venture} editable={editable} onChanged={setVenture} />
            <div className="grid-2 profile">
              {PROFILE_FIELDS.map((k) => (
                <label key={k}>{k === 'slug' ? 'Short name (for links)' : label(k)}
                  {k === 'stage'
                    ? <select value={draft.profile.stage} onChange={(e) => set({ profile: { ...draft.profile, stage: e.target.value } })}>
                        <option value="">—</option>{VENTURE_STAGES.map((st) => <option key={st} value={st}>{label(st)}</option>)}
                      </select>
                    : <input type={k === 'foundingDate' ? 'date' : 'text'} maxLength={k === 'slug' ? 60 : 100}
                             pattern={k === 'slug' ? '[a-z0-9]+(-[a-z0-9]+)*' : undefined} value={draft.profile[k]}
                             onChange={(e) => set({ profile: { ...draft.profile, [k]: e.target.value } })} />}
                </label>
              ))}
            </div>
            </>
          ) : (
            <>
              <h2>Lean canvas</h2>
              <div className="canvas">
                {CANVAS_FIELDS.map(([key, title]) => (
                  <label key={key} className={`canvas-${key}`}>{title}
                    <textarea rows={3} maxLength={2000} value={draft.canvas[key] ?? ''}
                              onChange={(e) => set({ canvas: { ...draft.canvas, [key]: e.target.value } })} />
                  </label>
                ))}
              </div>
            </>
          )}
        </fieldset>
        <ErrorNote error={error} />
        {error && error.startsWith('Someone else') && <button type="button" onClick={loadTheirs}>Load their version</button>}
        {saved && <InfoNote>Saved.</InfoNote>}
        {editable && (
          <div className="row">
            <button type="submit" className="primary" disabled={busy || !dirty}>{busy ? 'Saving…' : 'Save changes'}</button>
            {dirty && <span className="muted">Unsaved changes</span>}
          </div>
        )}
      </form>
      {may('view') && <Metrics ventureId={id} metrics={metrics} canAdd={may('create')}
                               onAdded={(m) => setMetrics((l) => l.some((x) => x.id === m.id) ? l : [...l, m])} />}
      <Files ventureId={id} files={files} onUploaded={(f) => setFiles((l) => l.some((x) => x.id === f.id) ? l : [f, ...l])} />
      <AiPanel venture={venture} />
    </>
  );
  return (
    <section aria-labelledby="venture-title">
      <a href={hrefOf({ page: 'ventures' })}><span aria-hidden="true">← </span>All ventures</a>
      <div className="page-head">
        <h1 id="venture-title">{venture.name}</h1>
        {may('delete') && <button type="button" className="danger" onClick={archive}>{workspace ? 'Delete' : 'Archive'}</button>}
      </div>
      {!editable && org.role === 'viewer' && <ReadOnlyNote role={org.role} id="readonly-note" />}
      {workspace ? <VentureTabs venture={venture} tab={tab} overview={overview} /> : overview}
    </section>
  );
}
