// The venture's files (1.2.0): folders to file them in, a search on names, tags, rename and move, and versions
// (upload a new one, download any earlier one).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StoredFile } from '../../api/types';
import { formatBytes } from '../../components/Files';
import { ErrorNote, messageOf } from '../../components/Notes';
import { useAction } from '../../components/useAction';
import { useLiveEvents, useSession } from '../../context';
import type { FileVersion, WorkRecord } from '../model';
import { ResourceSection } from '../ResourceSection';
import { useRecords } from '../useRecords';
import { useWorkspace } from '../Workspace';

type Where = { folderId?: string; topLevel?: boolean };

export function FilesTab() {
  const { api, org } = useSession();
  const { ventureId, can } = useWorkspace();
  const folders = useRecords(ventureId, 'folders');
  const [where, setWhere] = useState<Where>({});
  const [q, setQ] = useState('');
  const [files, setFiles] = useState<StoredFile[] | null>(null);
  const { error, setError, run } = useAction();
  const input = useRef<HTMLInputElement>(null);
  const load = useCallback(() => {
    api.findFiles(org.id, ventureId, { ...where, q: q.trim() || undefined })
      .then((f) => { setFiles(f); setError(null); }, (e) => setError(messageOf(e)));
  }, [api, org.id, ventureId, where, q]);
  useEffect(() => { const t = setTimeout(load, 200); return () => clearTimeout(t); }, [load]);
  useLiveEvents((e) => { if (e.type === 'file.uploaded' || e.type === 'file.changed') load(); }, load);

  async function act(work: () => Promise<unknown>) {
    if (await run(work)) load();
  }
  const inFolder = where.folderId ?? null;
  return (
    <>
      <ResourceSection path="folders" title="Folders" records={folders} columns={['name', 'parentId']}
                       options={{ folders: folders.records }}>
        {(shown) => (
          <div className="row wrap" role="radiogroup" aria-label="Show files in">
            <FolderChoice label="All files" checked={!where.folderId && !where.topLevel} onChoose={() => setWhere({})} />
            <FolderChoice label="Not in a folder" checked={Boolean(where.topLevel)} onChoose={() => setWhere({ topLevel: true })} />
            {ordered(shown).map(([f, depth]) => (
              <FolderChoice key={f.id} label={`${'› '.repeat(depth)}${String(f.name)}`} checked={where.folderId === f.id}
                            onChoose={() => setWhere({ folderId: f.id })} />
            ))}
          </div>
        )}
      </ResourceSection>
      <section className="card" aria-label="Files of the venture">
        <div className="page-head">
          <h2>Files</h2>
          <label className="inline">Search names<input type="search" value={q} onChange={(e) => setQ(e.target.value)} /></label>
        </div>
        {can('files', 'create') && (
          <label className="upload">Upload {inFolder ? 'into this folder' : 'files'}
            <input ref={input} type="file" multiple onChange={(e) => {
              const list = Array.from(e.target.files ?? []);
              act(async () => { for (const f of list) await api.upload(org.id, ventureId, f, () => undefined, inFolder); })
                .finally(() => { if (input.current) input.current.value = ''; });
            }} />
          </label>
        )}
        <ErrorNote error={error} />
        {files?.length === 0 && <p className="empty">No files here.</p>}
        {files && files.length > 0 && (
          <table className="records" aria-label="Files">
            <thead><tr><th scope="col">Name</th><th scope="col">Tags</th><th scope="col">Version</th><th scope="col">Size</th>
              <th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>{files.map((f) => <FileRow key={`${f.id}/${f.version}`} file={f} folders={folders.records} onChanged={load} />)}</tbody>
          </table>
        )}
      </section>
    </>
  );
}

function FolderChoice({ label, checked, onChoose }: { label: string; checked: boolean; onChoose(): void }) {
  return <label className="check"><input type="radio" name="folder" checked={checked} onChange={onChoose} />{label}</label>;
}

/** Folders in tree order, each with its depth. */
function ordered(folders: WorkRecord[]): [WorkRecord, number][] {
  const out: [WorkRecord, number][] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const f of folders.filter((x) => (x.parentId ?? null) === parent)) {
      out.push([f, depth]);
      if (depth < 10) walk(f.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

function FileRow({ file, folders, onChanged }: { file: StoredFile; folders: WorkRecord[]; onChanged(): void }) {
  const { api, org } = useSession();
  const { can } = useWorkspace();
  const [versions, setVersions] = useState<FileVersion[] | null>(null);
  const { error, setError, run } = useAction();
  async function act(work: () => Promise<unknown>) {
    if (await run(work)) onChanged();
  }
  async function download(version?: number, name = file.name) {
    try {
      const url = URL.createObjectURL(await api.download(org.id, file, version));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(messageOf(e));
    }
  }
  const editable = can('files', 'edit');
  return (
    <>
      <tr>
        <td>{file.name}<ErrorNote error={error} /></td>
        <td>{(file.tags ?? []).join(', ')}</td>
        <td>{file.version ?? 1}</td>
        <td>{formatBytes(file.sizeBytes)}</td>
        <td className="actions">
          <button type="button" onClick={() => download()} aria-label={`Download ${file.name}`}>Download</button>
          {editable && <button type="button" aria-label={`Rename ${file.name}`} onClick={() => {
            const name = prompt('New name', file.name);
            if (name && name !== file.name) act(() => api.changeFile(org.id, file.id, { name }));
          }}>Rename</button>}
          {editable && <button type="button" aria-label={`Tag ${file.name}`} onClick={() => {
            const tags = prompt('Tags, separated by commas', (file.tags ?? []).join(', '));
            if (tags !== null) act(() => api.changeFile(org.id, file.id, { tags: tags.split(',').map((t) => t.trim()).filter(Boolean) }));
          }}>Tags</button>}
          {editable && (
            <select aria-label={`Move ${file.name}`} value={file.folderId ?? ''} onChange={(e) => act(() => api.changeFile(org.id,
              file.id, e.target.value ? { folderId: e.target.value } : { toTopLevel: true }))}>
              <option value="">No folder</option>
              {folders.map((f) => <option key={f.id} value={f.id}>{String(f.name)}</option>)}
            </select>
          )}
          {editable && <label className="upload inline-upload">New version
            <input type="file" aria-label={`New version of ${file.name}`}
                   onChange={(e) => { const f = e.target.files?.[0]; if (f) act(() => api.uploadVersion(org.id, file.id, f)); }} />
          </label>}
          <button type="button" aria-expanded={versions !== null} onClick={() => versions ? setVersions(null)
            : api.fileVersions(org.id, file.id).then(setVersions, (e) => setError(messageOf(e)))}>Versions</button>
        </td>
      </tr>
      {versions && (
        <tr><td colSpan={5}>
          <ul className="plain" aria-label={`Versions of ${file.name}`}>
            {versions.map((v) => (
              <li key={v.version} className="row">
                <span>Version {v.version}{v.current ? ' (current)' : ''}: {v.name}, {formatBytes(v.sizeBytes)}
                  {v.createdAt && <span className="muted small"> {new Date(v.createdAt).toLocaleString()}</span>}</span>
                {!v.current && <button type="button" onClick={() => download(v.version, v.name)}
                                       aria-label={`Download version ${v.version} of ${file.name}`}>Download</button>}
              </li>
            ))}
          </ul>
        </td></tr>
      )}
    </>
  );
}
