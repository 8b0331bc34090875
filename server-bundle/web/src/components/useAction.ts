import { useState } from 'react';
import { messageOf } from './Notes';

/**
 * A form's one action: busy while it runs, its failure as a sentence to show (or a problem found before
 * asking the server, via setError). run() resolves to whether it succeeded.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(work: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, setError, run };
}
