// What every page of a signed-in session shares.
import { createContext, useContext, useEffect, useRef } from 'react';
import type { Api } from './api/client';
import type { LiveEvent, Organization, User } from './api/types';
import type { LiveConnection } from './live';

export interface SessionContext {
  api: Api;
  user: User;
  org: Organization;
  orgs: Organization[];
  live: LiveConnection;
  /** From the server's /version: 1.1.0 adds metric units. */
  serverVersion: string;
  switchOrg(id: string): void;
  refreshOrgs(): Promise<void>;
  /** Reads the signed-in person again (after a change of name). */
  refreshUser(): Promise<void>;
  /** Goes on with a new session that replaced the old ones (after a password or address change). */
  replaceToken(token: string): void;
  signOut(): void;
}

export const Session = createContext<SessionContext | null>(null);

export function useSession(): SessionContext {
  const value = useContext(Session);
  if (!value) throw new Error('useSession outside a signed-in session');
  return value;
}

/** Calls onEvent for each live change of the current organization and onResync after each reconnect. */
export function useLiveEvents(onEvent: (e: LiveEvent) => void, onResync: () => void): void {
  const { live, org } = useSession();
  const handlers = useRef({ onEvent, onResync });
  handlers.current = { onEvent, onResync };
  useEffect(() => live.subscribe({
    onEvent: (e) => { if (e.orgId === org.id) handlers.current.onEvent(e); },
    onResync: () => handlers.current.onResync(),
  }), [live, org.id]);
}

export function atLeastVersion(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}
