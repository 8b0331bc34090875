// An AI action's button: shown only when the installation has a provider and the person may act on the page;
// says it is working, shows the suggestion (or why there is none). Nothing is saved until the person accepts.
import { useState, type ReactNode } from 'react';
import { ErrorNote, messageOf } from '../components/Notes';
import { useWorkspace } from './Workspace';

export function AiButton({ label, page, action = 'edit', ask, children }: {
  label: string;
  page: string;
  action?: 'edit' | 'create' | 'view';
  ask(): Promise<string | void>;
  /** Drawn under the button once asked (the suggestion with its Accept). */
  children?: ReactNode;
}) {
  const { ai, can } = useWorkspace();
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!ai || !can(page, action)) return null;
  async function run() {
    setBusy(true);
    setError(null);
    try {
      const answer = await ask();
      setText(answer ?? null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="ai-action">
      <button type="button" onClick={run} disabled={busy}>{busy ? 'Asking the AI…' : label}</button>
      <ErrorNote error={error} />
      {text && <p className="note ai-answer" role="status"><span className="tag ai">AI</span> {text}</p>}
      {children}
    </div>
  );
}
