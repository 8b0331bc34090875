// A new venture's first steps: its profile, the problem and who has it (the current canvas's first sections), and a
// first goal with a key result. Each step saves through the same routes as its page and can be skipped; the last
// opens the canvas. Reached right after a venture is created (#/ventures/<id>/welcome) and from its Overview.
import { useState, type FormEvent, type ReactNode } from 'react';
import { VENTURE_STAGES, type Venture } from '../api/types';
import { ErrorNote } from '../components/Notes';
import { useAction } from '../components/useAction';
import { useSession } from '../context';
import { navigate } from '../router';
import { label } from './model';
import { useRecords } from './useRecords';
import { useWorkspace } from './Workspace';

const CANVAS_STEP: [string, string, string][] = [
  ['problem', 'The problem', 'What hurts, for whom, today?'],
  ['customerSegments', 'Who has it', 'The people or companies who feel it most.'],
  ['uniqueValueProposition', 'Why you', 'One sentence: why they would choose you.'],
];

export function Onboarding({ venture }: { venture: Venture }) {
  const [step, setStep] = useState(0);
  const next = () => setStep((s) => s + 1);
  const steps = [
    <ProfileStep key="profile" venture={venture} done={next} />,
    <CanvasStep key="canvas" canvasId={venture.currentCanvasId ?? null} done={next} />,
    <GoalStep key="goal" done={() => navigate({ page: 'venture', id: venture.id, tab: 'canvas' })} />,
  ];
  const titles = ['The venture', 'The problem and who has it', 'A first goal'];
  return (
    <section className="card onboarding" aria-labelledby="onboarding-title">
      <h2 id="onboarding-title">Set up {venture.name}</h2>
      <ol className="steps" aria-label="Steps">
        {titles.map((t, i) => <li key={t} aria-current={i === step ? 'step' : undefined}
                                  className={i < step ? 'done' : undefined}>{t}</li>)}
      </ol>
      <p className="muted">Step {step + 1} of {titles.length}. Everything here can be changed later on the venture's pages.</p>
      {steps[Math.min(step, steps.length - 1)]}
    </section>
  );
}

/** One step's form: its fields, its error, "Save and continue" and "Skip". */
function Step({ save, skip, children, last }: { save(): Promise<void>; skip(): void; children: ReactNode; last?: boolean }) {
  const { busy, error, run } = useAction();
  function submit(e: FormEvent) {
    e.preventDefault();
    run(save);
  }
  return (
    <form onSubmit={submit}>
      {children}
      <ErrorNote error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Saving…' : last ? 'Save and finish' : 'Save and continue'}</button>
        <button type="button" className="link" onClick={skip}>{last ? 'Skip and finish' : 'Skip this step'}</button>
      </div>
    </form>
  );
}

function ProfileStep({ venture, done }: { venture: Venture; done(): void }) {
  const { api, org } = useSession();
  const [foundingDate, setFoundingDate] = useState(venture.foundingDate ?? '');
  const [industry, setIndustry] = useState(venture.industry ?? '');
  const [stage, setStage] = useState(venture.stage ?? '');
  const [slug, setSlug] = useState(venture.slug ?? '');
  return (
    <Step skip={done} save={async () => {
      const patch: Record<string, string> = {};
      if (foundingDate) patch.foundingDate = foundingDate;
      if (industry.trim()) patch.industry = industry.trim();
      if (stage) patch.stage = stage;
      if (slug.trim()) patch.slug = slug.trim();
      if (Object.keys(patch).length > 0) {
        await api.updateVenture(org.id, venture.id, patch, venture.revision);
      }
      done();
    }}>
      <div className="grid-2">
        <label>Founded on<input type="date" value={foundingDate} onChange={(e) => setFoundingDate(e.target.value)} /></label>
        <label>Industry<input maxLength={100} value={industry} placeholder="e.g. Agriculture" onChange={(e) => setIndustry(e.target.value)} /></label>
        <label>Stage
          <select value={stage} onChange={(e) => setStage(e.target.value)}>
            <option value="">—</option>{VENTURE_STAGES.map((st) => <option key={st} value={st}>{label(st)}</option>)}
          </select>
        </label>
        <label>Short name for links<input maxLength={60} value={slug} placeholder="e.g. solar-kiosk" onChange={(e) => setSlug(e.target.value)} /></label>
      </div>
    </Step>
  );
}

function CanvasStep({ canvasId, done }: { canvasId: string | null; done(): void }) {
  const { ventureId } = useWorkspace();
  const canvases = useRecords(ventureId, 'canvases');
  const canvas = canvases.records.find((c) => c.id === canvasId) ?? canvases.records[0];
  const [texts, setTexts] = useState<Record<string, string>>({});
  return (
    <Step skip={done} save={async () => {
      const sections = Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
      if (Object.keys(sections).length > 0) {
        if (!canvas) throw new Error('The venture has no canvas yet; add one on the Canvas page.');
        await canvases.update(canvas, { sections });
      }
      done();
    }}>
      {CANVAS_STEP.map(([key, title, hint]) => (
        <label key={key}>{title}
          <textarea rows={2} maxLength={4000} placeholder={hint} value={texts[key] ?? ''}
                    onChange={(e) => setTexts((t) => ({ ...t, [key]: e.target.value }))} />
        </label>
      ))}
    </Step>
  );
}

function GoalStep({ done }: { done(): void }) {
  const { ventureId } = useWorkspace();
  const goals = useRecords(ventureId, 'goals');
  const results = useRecords(ventureId, 'key-results');
  const [title, setTitle] = useState('');
  const [result, setResult] = useState('');
  const [target, setTarget] = useState('');
  const [unit, setUnit] = useState('');
  return (
    <Step last skip={done} save={async () => {
      if (title.trim()) {
        const goal = await goals.create({ title: title.trim(), status: 'in_progress' });
        if (result.trim()) {
          await results.create({ goalId: goal.id, description: result.trim(), target: target ? Number(target) : null,
            current: 0, unit: unit.trim() || null });
        }
      } else if (result.trim()) {
        throw new Error('Give the goal a title, or clear its key result.');
      }
      done();
    }}>
      <label>Objective<input maxLength={200} value={title} placeholder="e.g. Ten paying shops by June"
                             onChange={(e) => setTitle(e.target.value)} /></label>
      <div className="grid-3">
        <label>Key result<input maxLength={500} value={result} placeholder="e.g. Shops paying monthly" onChange={(e) => setResult(e.target.value)} /></label>
        <label>Target<input type="number" min={0} value={target} onChange={(e) => setTarget(e.target.value)} /></label>
        <label>Unit<input maxLength={30} value={unit} placeholder="e.g. shops" onChange={(e) => setUnit(e.target.value)} /></label>
      </div>
    </Step>
  );
}
