import { useEffect, useState } from 'react';
import type { Api } from '../api/client';
import { messageOf } from '../components/Notes';

/** Back from the company's identity provider: the sign-in's single-use code exchanged for the session. */
export function SsoReturn({ api, code, onSignedIn }: {
  api: Api;
  code: string;
  onSignedIn: (token: string, orgId: string) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.ssoExchange(code).then((r) => onSignedIn(r.token, r.orgId), (e) => setError(messageOf(e)));
    // once per code
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code]);
  return (
    <main className="auth-page">
      <div className="card auth" role={error ? 'alert' : 'status'}>
        <h1>Signing in…</h1>
        {error ? <><p>{error}</p><a href="#/">Back to sign in</a></> : <p aria-busy="true">One moment.</p>}
      </div>
    </main>
  );
}
