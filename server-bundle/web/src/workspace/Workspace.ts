// What every workspace tab of a venture shares: the resources as the server describes them and the organization's
// people (for assignees), loaded once when the venture opens.
import { createContext, useContext } from 'react';
import type { ResourceSpec } from './model';

export type Action = 'view' | 'create' | 'edit' | 'delete';

export interface WorkspaceContext {
  ventureId: string;
  specs: Record<string, ResourceSpec>;
  members: { id: string; name: string }[];
  /** The venture's files (for file fields), as they were when it opened. */
  files: { id: string; name: string }[];
  /** What the signed-in person may do on a page (their role, narrowed by a custom role); the server holds it too. */
  can(page: string, action: Action): boolean;
  /** Whether the installation has an AI provider: the AI actions show only then. */
  ai: boolean;
}

export const Workspace = createContext<WorkspaceContext | null>(null);

export function useWorkspace(): WorkspaceContext {
  const value = useContext(Workspace);
  if (!value) throw new Error('useWorkspace outside a venture');
  return value;
}
