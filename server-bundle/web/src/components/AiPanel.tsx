import { useEffect, useState, type FormEvent } from 'react';
import { canEdit, type Venture } from '../api/types';
import { useSession } from '../context';
import { ErrorNote } from './Notes';
import { useAction } from './useAction';

/** Shown only when the server says an AI provider is configured (the admin adds the key in the console). */
export function AiPanel({ venture }: { venture: Venture }) {
  const { api, org } = useSession();
  const [configured, setConfigured] = useState<string | null>(null);
  const [prompt, setPrompt] = useState('');
  const [answer, setAnswer] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  useEffect(() => {
    api.aiStatus().then((s) => setConfigured(s.configured ? s.provider : null), () => setConfigured(null));
  }, [api]);
  if (!configured || !canEdit(org.role)) return null;

  function submit(e: FormEvent) {
    e.preventDefault();
    const context = `Venture: ${venture.name}\nHypothesis: ${venture.hypothesis}\n\n`;
    run(async () => setAnswer((await api.generate(context + prompt)).text));
  }

  return (
    <section className="card" aria-labelledby="ai-title" data-testid="ai-panel">
      <h2 id="ai-title">Ask the AI assistant <span className="muted small">({configured})</span></h2>
      <form onSubmit={submit}>
        <label>Question about this venture
          <textarea rows={3} required maxLength={8000} value={prompt} onChange={(e) => setPrompt(e.target.value)} />
        </label>
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>{busy ? 'Thinking…' : 'Ask'}</button>
      </form>
      {answer && <div className="ai-answer" aria-live="polite">{answer}</div>}
    </section>
  );
}
