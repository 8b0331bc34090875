import type { ReactNode } from 'react';
import type { Role } from '../api/types';

/** An error said in words, announced to screen readers. */
export function ErrorNote({ error }: { error: string | null }) {
  if (!error) return null;
  return <p className="note error" role="alert">{error}</p>;
}

export function InfoNote({ children }: { children: ReactNode }) {
  return <p className="note info" role="status">{children}</p>;
}

/** Why the editing controls are off: said once, next to them. */
export function ReadOnlyNote({ role, id }: { role: Role; id?: string }) {
  return (
    <p className="note readonly" id={id}>
      Your role here is <strong>{role}</strong>: you can look but not change anything. An admin can change your role.
    </p>
  );
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
