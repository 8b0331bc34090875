// Goals and their key results: each goal with its measurable results and how far along they are.
import { useState } from 'react';
import { useSession } from '../../context';
import { AiButton } from '../AiButton';
import { label, type WorkRecord } from '../model';
import { ResourceSection } from '../ResourceSection';
import { useRecords } from '../useRecords';
import { useWorkspace } from '../Workspace';

export function GoalsTab() {
  const { ventureId } = useWorkspace();
  const goals = useRecords(ventureId, 'goals');
  const results = useRecords(ventureId, 'key-results');
  const interviews = useRecords(ventureId, 'interviews');
  const [archived, setArchived] = useState(false);
  return (
    <>
      <ResourceSection path="goals" title="Goals" records={goals} columns={['title', 'status', 'health', 'targetDate']}
                       options={{ interviews: interviews.records }} filter={(g) => Boolean(g.archived) === archived}>
        {(shown, edit) => (
          <>
            <label className="check"><input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} /> Show archived</label>
            {shown.length === 0 && <p className="muted">No goals yet.</p>}
            {shown.map((g) => <Goal key={g.id} goal={g} results={results.records.filter((r) => r.goalId === g.id)} edit={edit} />)}
          </>
        )}
      </ResourceSection>
      <SuggestedGoals addGoal={goals.create} addResult={results.create} />
      <ResourceSection path="key-results" title="Key results" records={results} options={{ goals: goals.records }}
                       columns={['description', 'goalId', 'current', 'target', 'unit', 'progress']} />
    </>
  );
}

function Goal({ goal, results, edit }: { goal: WorkRecord; results: WorkRecord[]; edit(r: WorkRecord): void }) {
  const editable = useWorkspace().can('goals', 'edit');
  return (
    <article className="goal" aria-label={String(goal.title)}>
      <div className="page-head">
        <h3>{String(goal.title)} {goal.source === 'ai' && <span className="tag ai">AI</span>}</h3>
        {editable && <button type="button" onClick={() => edit(goal)}>Edit</button>}
      </div>
      <p className="muted">
        {[goal.timeframe && label(String(goal.timeframe)), goal.quarter && `Q${goal.quarter}`, goal.year, goal.status && label(String(goal.status)),
          goal.health && label(String(goal.health)), goal.targetDate && `due ${goal.targetDate}`].filter(Boolean).join(' · ')}
      </p>
      <ul className="plain">
        {results.map((r) => {
          const progress = r.progress === null || r.progress === undefined ? null : Math.round(Number(r.progress) * 100);
          return (
            <li key={r.id}>
              {String(r.description)} — {String(r.current ?? 0)} / {String(r.target ?? '?')} {String(r.unit ?? '')}
              {progress !== null && <progress max={100} value={progress} aria-label={`${progress} %`} />}
            </li>
          );
        })}
      </ul>
    </article>
  );
}

interface Suggested { title: string; keyResults: { description: string; target: number | null; unit: string | null }[] }

/** Goals the AI proposes, each added (with its key results, marked as the AI's) only when the founder says so. */
function SuggestedGoals({ addGoal, addResult }: {
  addGoal(body: Record<string, unknown>): Promise<WorkRecord>; addResult(body: Record<string, unknown>): Promise<WorkRecord>;
}) {
  const { api, org } = useSession();
  const { ventureId } = useWorkspace();
  const [suggested, setSuggested] = useState<Suggested[]>([]);
  async function accept(g: Suggested) {
    const goal = await addGoal({ title: g.title, source: 'ai' });
    for (const kr of g.keyResults) {
      await addResult({ goalId: goal.id, description: kr.description, target: kr.target, unit: kr.unit, source: 'ai' });
    }
    setSuggested((list) => list.filter((x) => x !== g));
  }
  return (
    <AiButton label="Suggest goals" page="goals" action="create" ask={async () => {
      setSuggested((await api.aiAction<{ goals: Suggested[] }>(org.id, ventureId, 'okrs')).goals);
    }}>
      {suggested.length > 0 && (
        <ul className="plain" aria-label="Suggested goals">
          {suggested.map((g) => (
            <li key={g.title} className="row">
              <span><span className="tag ai">AI</span> {g.title} ({g.keyResults.map((k) => k.description).join('; ')})</span>
              <button type="button" onClick={() => accept(g)}>Add</button>
            </li>
          ))}
        </ul>
      )}
    </AiButton>
  );
}
