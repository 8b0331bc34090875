// Named snapshots of a canvas or document: take one, restore one over what is there (with its revision, so a
// change made meanwhile is not overwritten unseen).
import { ErrorNote } from '../components/Notes';
import { useAction } from '../components/useAction';
import { useSession } from '../context';
import { titleOf, type WorkRecord } from './model';
import { useWorkspace } from './Workspace';

export function Snapshots({ path, page, record, versions }: {
  path: 'canvases' | 'documents'; page: string; record: WorkRecord; versions: WorkRecord[];
}) {
  const { api, org } = useSession();
  const { ventureId, can } = useWorkspace();
  const { error, run: act } = useAction();
  return (
    <section className="card" aria-label="Snapshots">
      <div className="page-head">
        <h2>Snapshots</h2>
        {can(page, 'create') && <button type="button" onClick={() => {
          const name = prompt('Name this snapshot', `${titleOf(record)} ${new Date().toLocaleDateString()}`);
          if (name) act(() => api.snapshot(org.id, ventureId, path, record.id, name));
        }}>Take snapshot</button>}
      </div>
      <ErrorNote error={error} />
      {versions.length === 0 ? <p className="muted">No snapshots yet.</p> : (
        <ul className="plain">
          {versions.map((v) => (
            <li key={v.id} className="row">
              <span>{String(v.name)} <span className="muted">{new Date(v.createdAt).toLocaleString()}</span></span>
              {can(page, 'edit') && <button type="button" onClick={() => {
                if (confirm(`Replace it with "${String(v.name)}"? Take a snapshot first to keep what is there now.`)) {
                  act(() => api.restoreSnapshot(org.id, ventureId, path, record.id, v.id, record.revision));
                }
              }} aria-label={`Restore ${String(v.name)}`}>Restore</button>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
