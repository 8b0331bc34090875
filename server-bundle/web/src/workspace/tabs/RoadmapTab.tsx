// The roadmap: features on a board by status or in the Eisenhower matrix, and divisions with their initiatives
// and the comments on them.
import { useState } from 'react';
import { label, type WorkRecord } from '../model';
import { ResourceSection } from '../ResourceSection';
import { useRecords } from '../useRecords';
import { useWorkspace } from '../Workspace';

const QUADRANTS: [string, string][] = [['do', 'Urgent and important'], ['schedule', 'Important, not urgent'],
  ['delegate', 'Urgent, not important'], ['eliminate', 'Neither']];

export function RoadmapTab() {
  const { ventureId, specs } = useWorkspace();
  const features = useRecords(ventureId, 'features');
  const goals = useRecords(ventureId, 'goals');
  const divisions = useRecords(ventureId, 'divisions');
  const initiatives = useRecords(ventureId, 'initiatives');
  const comments = useRecords(ventureId, 'initiative-comments');
  const [view, setView] = useState<'board' | 'matrix'>('board');
  const statuses = specs.features.fields.find((f) => f.name === 'status')?.choices ?? [];
  return (
    <>
      <ResourceSection path="features" title="Features" records={features} options={{ goals: goals.records }}
                       columns={['title', 'status', 'priority']}>
        {(shown, edit) => (
          <>
            <div className="row" role="radiogroup" aria-label="View">
              <label className="check"><input type="radio" checked={view === 'board'} onChange={() => setView('board')} /> Board</label>
              <label className="check"><input type="radio" checked={view === 'matrix'} onChange={() => setView('matrix')} /> Eisenhower matrix</label>
            </div>
            <div className={view === 'board' ? 'board' : 'matrix'}>
              {(view === 'board' ? statuses.map((s) => [s, label(s)] as [string, string]) : QUADRANTS).map(([key, title]) => (
                <section key={key} className="lane" aria-label={title}>
                  <h3>{title}</h3>
                  {shown.filter((f) => (view === 'board' ? f.status ?? 'backlog' : f.eisenhowerQuadrant) === key)
                    .map((f) => <Card key={f.id} feature={f} edit={edit} />)}
                </section>
              ))}
            </div>
          </>
        )}
      </ResourceSection>
      <ResourceSection path="divisions" title="Divisions" records={divisions} columns={['name', 'description', 'leads']} />
      <ResourceSection path="initiatives" title="Initiatives" records={initiatives} options={{ divisions: divisions.records }}
                       columns={['title', 'divisionId', 'status', 'priority', 'targetDate', 'fileIds']} />
      <ResourceSection path="initiative-comments" title="Comments on initiatives" records={comments}
                       options={{ initiatives: initiatives.records }} columns={['content', 'initiativeId']} />
    </>
  );
}

function Card({ feature, edit }: { feature: WorkRecord; edit(r: WorkRecord): void }) {
  const editable = useWorkspace().can('roadmap', 'edit');
  return (
    <article className="feature-card">
      <strong>{String(feature.title)}</strong> {feature.source === 'ai' && <span className="tag ai">AI</span>}
      <div className="muted">{[feature.priority && label(String(feature.priority)), feature.stackLayer && label(String(feature.stackLayer)),
        ...((feature.tags as string[]) ?? [])].filter(Boolean).join(' · ')}</div>
      {editable && <button type="button" className="link" onClick={() => edit(feature)} aria-label={`Edit ${String(feature.title)}`}>Edit</button>}
    </article>
  );
}
