// Documents (white paper, business plan, wiki): a list, and the chosen one in a rich-text editor loaded on demand,
// saved with its revision (someone else's save in between is said, not overwritten), locked when final, with
// snapshots.
import { lazy, Suspense, useState } from 'react';
import { ResourceSection } from '../ResourceSection';
import { Snapshots } from '../Snapshots';
import { useRecords } from '../useRecords';
import { useWorkspace } from '../Workspace';

const DocumentEditor = lazy(() => import('./DocumentEditor'));

export function DocumentsTab() {
  const { ventureId } = useWorkspace();
  const documents = useRecords(ventureId, 'documents');
  const versions = useRecords(ventureId, 'document-versions');
  const folders = useRecords(ventureId, 'folders');
  const [open, setOpen] = useState<string | null>(null);
  const doc = documents.records.find((d) => d.id === open);
  return (
    <>
      <ResourceSection path="documents" title="Documents" records={documents} options={{ folders: folders.records }}
                       columns={['title', 'type', 'folderId', 'isLocked']} fields={['title', 'type', 'folderId', 'tags']}
                       defaults={{ type: 'doc' }}>
        {(shown) => shown.length === 0 ? <p className="muted">No documents yet.</p> : (
          <ul className="plain" aria-label="Documents">
            {shown.map((d) => (
              <li key={d.id} className="row">
                <button type="button" className="link" aria-pressed={d.id === open} onClick={() => setOpen(d.id)}>{String(d.title)}</button>
                {d.isLocked ? <span className="tag">Locked</span> : null}
                <span className="muted small">{new Date(d.updatedAt).toLocaleString()}</span>
              </li>
            ))}
          </ul>
        )}
      </ResourceSection>
      {doc && (
        <Suspense fallback={<p aria-busy="true">Loading the editor…</p>}>
          <DocumentEditor key={doc.id} doc={doc} save={(body) => documents.update(doc, body)} />
        </Suspense>
      )}
      {doc && <Snapshots path="documents" page="documents" record={doc}
                         versions={versions.records.filter((v) => v.documentId === doc.id)} />}
    </>
  );
}
