import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Role, SsoSettings } from '../api/types';
import { ErrorNote, InfoNote, messageOf } from '../components/Notes';
import { useAction } from '../components/useAction';
import { useSession } from '../context';

const ROLES: Role[] = ['viewer', 'member', 'admin'];

/** "group = role" lines, one per line, as the form shows them, and back. */
function mappingText(m: Record<string, Role>): string {
  return Object.entries(m).map(([g, r]) => `${g} = ${r}`).join('\n');
}
function parseMapping(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const at = line.lastIndexOf('=');
    out[(at < 0 ? line : line.slice(0, at)).trim()] = at < 0 ? '' : line.slice(at + 1).trim();
  }
  return out;
}

/**
 * Single sign-on for the organization (its admins): the company's OpenID Connect provider (Keycloak, Entra ID,
 * Google Workspace, Okta, Authentik), where it sends people back, which groups give which role, the email domains,
 * and whether passwords are for founders only. Saving checks the provider first.
 */
export function SsoPanel() {
  const { api, org } = useSession();
  const [settings, setSettings] = useState<SsoSettings | null>(null);
  const [issuer, setIssuer] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [groupsClaim, setGroupsClaim] = useState('groups');
  const [mapping, setMapping] = useState('');
  const [defaultRole, setDefaultRole] = useState<Role>('member');
  const [domains, setDomains] = useState('');
  const [ssoOnly, setSsoOnly] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();

  const show = useCallback((s: SsoSettings) => {
    setSettings(s);
    if (s.provider) {
      setIssuer(s.provider.issuer);
      setClientId(s.provider.clientId);
      setGroupsClaim(s.provider.groupsClaim);
      setMapping(mappingText(s.provider.roleMapping));
      setDefaultRole(s.provider.defaultRole);
      setDomains(s.provider.emailDomains.join(', '));
      setSsoOnly(s.provider.ssoOnly);
    }
  }, []);
  useEffect(() => { api.ssoSettings(org.id).then(show, (e) => setError(messageOf(e))); }, [api, org.id, show, setError]);

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    run(async () => {
      show(await api.saveSso(org.id, {
        issuer: issuer.trim(), clientId: clientId.trim(), clientSecret, groupsClaim: groupsClaim.trim(),
        roleMapping: parseMapping(mapping) as Record<string, Role>, defaultRole,
        emailDomains: domains.split(/[\s,]+/).filter(Boolean), ssoOnly,
      }));
      setClientSecret('');
      setSaved('Saved: the provider answered. Try it by signing in with an account of its domain in a private window.');
    });
  }

  if (!settings) return <ErrorNote error={error} />;
  return (
    <form className="card" onSubmit={submit} aria-labelledby="sso-title">
      <h2 id="sso-title">Single sign-on</h2>
      {!settings.available ? (
        <p>Single sign-on needs the address people use: set it in the console (Address), then come back here.</p>
      ) : (
        <>
          <p>People of your company sign in with their company account (OpenID Connect: Keycloak, Microsoft Entra ID,
            Google Workspace, Okta, Authentik). At the provider, register this application with the redirect address
            {' '}<code data-testid="sso-redirect">{settings.redirectUri}</code>.</p>
          <label>Issuer
            <input value={issuer} required placeholder="https://login.acme.com/realms/acme"
                   onChange={(e) => setIssuer(e.target.value)} />
          </label>
          <div className="grid-3">
            <label>Client id
              <input value={clientId} required onChange={(e) => setClientId(e.target.value)} />
            </label>
            <label>Client secret
              <input type="password" value={clientSecret} autoComplete="off" required={!settings.hasClientSecret}
                     placeholder={settings.hasClientSecret ? 'kept; type to replace' : ''}
                     onChange={(e) => setClientSecret(e.target.value)} />
            </label>
            <label>Groups claim
              <input value={groupsClaim} onChange={(e) => setGroupsClaim(e.target.value)} />
            </label>
          </div>
          <label>Groups and the role each gives (one "group = role" a line; the highest wins)
            <textarea rows={3} value={mapping} placeholder={'engineering-leads = admin\nstaff = member'}
                      onChange={(e) => setMapping(e.target.value)} />
          </label>
          <div className="grid-3">
            <label>Everyone else
              <select value={defaultRole} onChange={(e) => setDefaultRole(e.target.value as Role)}>
                {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
              </select>
            </label>
            <label>Email domains (empty: any)
              <input value={domains} placeholder="acme.com, acme.de" onChange={(e) => setDomains(e.target.value)} />
            </label>
            <label className="check">
              <input type="checkbox" checked={ssoOnly} onChange={(e) => setSsoOnly(e.target.checked)} />
              Company accounts only (founders keep their password, in case the provider is down)
            </label>
          </div>
          <ErrorNote error={error} />
          {saved && <InfoNote>{saved}</InfoNote>}
          <div className="row">
            <button type="submit" className="primary" disabled={busy}>{busy ? 'Checking the provider…' : 'Save'}</button>
            {settings.provider && (
              <button type="button" className="danger" disabled={busy}
                      onClick={() => confirm('Turn single sign-on off? People then sign in with passwords.')
                        && run(async () => { await api.removeSso(org.id); setSettings({ ...settings, provider: null }); })}>
                Turn off</button>)}
          </div>
        </>
      )}
    </form>
  );
}
