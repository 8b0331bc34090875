// What the signed-in person may do with ventures themselves (their profile, creating, deleting, restoring) and their
// metrics: the "overview" page of custom roles from server 1.2.0, the built-in role before. The server holds it too.
import { useEffect, useState } from 'react';
import { canEdit } from '../api/types';
import { atLeastVersion, useSession } from '../context';
import { allows, type MyAccess } from './model';
import type { Action } from './Workspace';

export function useOverviewRights(): (action: Action) => boolean {
  const { api, org, serverVersion } = useSession();
  const custom = atLeastVersion(serverVersion, '1.2.0');
  const [access, setAccess] = useState<MyAccess | null>(null);
  useEffect(() => {
    setAccess(null);
    if (custom) api.myAccess(org.id).then(setAccess, () => undefined);
  }, [api, org.id, custom]);
  return (action) => {
    if (!custom) return action === 'view' || canEdit(org.role);
    if (access === null) return action === 'view';
    return allows(access, 'overview', action);
  };
}
