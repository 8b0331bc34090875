// One resource's records of a venture, kept current: loaded page by page, then changed by the live events the
// server pushes (from this page or anyone else's) and reloaded after a reconnect.
import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../components/Notes';
import { useLiveEvents, useSession } from '../context';
import type { WorkRecord } from './model';

export interface Records {
  records: WorkRecord[];
  loading: boolean;
  error: string | null;
  create(body: Record<string, unknown>): Promise<WorkRecord>;
  update(record: WorkRecord, body: Record<string, unknown>): Promise<WorkRecord>;
  remove(record: WorkRecord): Promise<void>;
}

const MAX_PAGES = 50;

export function useRecords(ventureId: string, path: string): Records {
  const { api, org } = useSession();
  const [records, setRecords] = useState<WorkRecord[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const all: WorkRecord[] = [];
      let after: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await api.records(org.id, ventureId, path, after);
        all.push(...result.items);
        after = result.next;
        if (!after) break;
      }
      setRecords(all);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoading(false);
    }
  }, [api, org.id, ventureId, path]);
  useEffect(() => { setLoading(true); load(); }, [load]);

  const put = useCallback((r: WorkRecord) => setRecords((list) => {
    const i = list.findIndex((x) => x.id === r.id);
    if (i < 0) return [...list, r];
    if (list[i].revision > r.revision) return list;
    const copy = list.slice();
    copy[i] = r;
    return copy;
  }), []);
  const drop = useCallback((id: string) => setRecords((list) => list.filter((x) => x.id !== id)), []);

  useLiveEvents((e) => {
    if ((e.type === 'record.created' || e.type === 'record.updated' || e.type === 'record.deleted')
        && e.data.resource === path && e.data.ventureId === ventureId) {
      if (e.type === 'record.deleted') drop(e.data.id);
      else put(e.data.record);
    }
  }, load);

  return {
    records, loading, error,
    create: async (body) => { const r = await api.createRecord(org.id, ventureId, path, body); put(r); return r; },
    update: async (record, body) => {
      const r = await api.updateRecord(org.id, ventureId, path, record.id, body, record.revision);
      put(r);
      return r;
    },
    remove: async (record) => { await api.deleteRecord(org.id, ventureId, path, record.id, record.revision); drop(record.id); },
  };
}
