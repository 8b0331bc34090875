// Canvases of the venture: choose one, edit its sections (a stale save is refused and said), take snapshots and
// restore one.
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { ErrorNote, InfoNote, messageOf } from '../../components/Notes';
import { useSession } from '../../context';
import { label, type WorkRecord } from '../model';
import { AiButton } from '../AiButton';
import { ResourceSection } from '../ResourceSection';
import { Snapshots } from '../Snapshots';
import { useRecords } from '../useRecords';
import { useWorkspace } from '../Workspace';

const SECTIONS: Record<string, string[]> = {
  lean: ['problem', 'customerSegments', 'uniqueValueProposition', 'solution', 'channels', 'revenueStreams',
    'costStructure', 'keyMetrics', 'unfairAdvantage'],
  business_model: ['keyPartners', 'keyActivities', 'keyResources', 'valuePropositions', 'customerRelationships',
    'channels', 'customerSegments', 'costStructure', 'revenueStreams'],
};

export function CanvasTab({ currentCanvasId }: { currentCanvasId: string | null }) {
  const { ventureId } = useWorkspace();
  const canvases = useRecords(ventureId, 'canvases');
  const versions = useRecords(ventureId, 'canvas-versions');
  const [chosen, setChosen] = useState<string | null>(currentCanvasId);
  const canvas = canvases.records.find((c) => c.id === chosen) ?? canvases.records[0];
  return (
    <>
      <ResourceSection path="canvases" title="Canvases" records={canvases} columns={['name', 'kind']} fields={['name', 'kind']}
                       defaults={{ kind: 'lean' }}>
        {(shown, edit) => (
          <div className="row" role="tablist" aria-label="Canvases">
            {shown.map((c) => (
              <span key={c.id} className="row">
                <button type="button" role="tab" aria-selected={c.id === canvas?.id} onClick={() => setChosen(c.id)}>{String(c.name)}</button>
                <button type="button" className="link" onClick={() => edit(c)} aria-label={`Rename ${String(c.name)}`}>✎</button>
              </span>
            ))}
          </div>
        )}
      </ResourceSection>
      {canvas && <CanvasEditor key={canvas.id} canvas={canvas} update={(body) => canvases.update(canvas, body)} />}
      {canvas && <Snapshots path="canvases" page="canvas" record={canvas}
                            versions={versions.records.filter((v) => v.canvasId === canvas.id)} />}
    </>
  );
}

function CanvasEditor({ canvas, update }: { canvas: WorkRecord; update(body: Record<string, unknown>): Promise<WorkRecord> }) {
  const { api, org } = useSession();
  const { ventureId, can } = useWorkspace();
  const editable = can('canvas', 'edit');
  const [fromAi, setFromAi] = useState(false);
  const saved = (canvas.sections ?? {}) as Record<string, string>;
  const [draft, setDraft] = useState<Record<string, string>>(saved);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const changed = Object.keys(draft).filter((k) => (draft[k] ?? '') !== (saved[k] ?? ''));
  useEffect(() => { if (changed.length === 0) setDraft(saved); }, [canvas.revision]); // eslint-disable-line react-hooks/exhaustive-deps
  async function save() {
    try {
      await update({ sections: Object.fromEntries(changed.map((k) => [k, draft[k]])), ...(fromAi ? { source: 'ai' } : {}) });
      setFromAi(false);
      setError(null);
      setNote('Saved.');
      setTimeout(() => setNote(null), 3000);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409
        ? 'Someone else saved this canvas since you opened it. Copy your text, reload the page, and make your change again.'
        : messageOf(e));
    }
  }
  return (
    <section className="card" aria-label={`Canvas ${String(canvas.name)}`}>
      <h2>{String(canvas.name)}</h2>
      <div className="canvas">
        {SECTIONS[String(canvas.kind)]?.map((k) => (
          <label key={k} className={`canvas-${k}`}>{label(k)}
            <textarea rows={3} maxLength={4000} disabled={!editable} value={draft[k] ?? ''}
                      onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
            <AiButton label={`Suggest ${label(k).toLowerCase()}`} page="canvas" ask={async () => {
              const r = await api.aiAction<{ text: string }>(org.id, ventureId, 'canvas-section', { canvasId: canvas.id, section: k });
              setDraft((d) => ({ ...d, [k]: r.text }));
              setFromAi(true);
            }} />
          </label>
        ))}
      </div>
      <ErrorNote error={error} />
      {note && <InfoNote>{note}</InfoNote>}
      {editable && <div className="row"><button type="button" className="primary" disabled={changed.length === 0} onClick={save}>Save canvas</button>
        {changed.length > 0 && <span className="muted">Unsaved changes</span>}</div>}
    </section>
  );
}
