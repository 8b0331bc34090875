// A resource of the venture as one section: its records (as a table, or drawn by the page), an Add button, and the
// form for a new or chosen record. Every tab is made of these.
import { useState, type ReactNode } from 'react';
import { ErrorNote } from '../components/Notes';
import type { FieldContext } from './FieldInput';
import type { WorkRecord } from './model';
import { RecordForm } from './RecordForm';
import { RecordTable } from './RecordTable';
import type { Records } from './useRecords';
import { useWorkspace } from './Workspace';

export function ResourceSection({ path, title, intro, records, columns, fields, defaults, options, filter, children }: {
  path: string;
  title: string;
  intro?: string;
  records: Records;
  columns: string[];
  fields?: string[];
  defaults?: Record<string, unknown>;
  options?: Record<string, WorkRecord[]>;
  filter?(r: WorkRecord): boolean;
  /** Draws the records instead of the table; gets the edit action. */
  children?(shown: WorkRecord[], edit: (r: WorkRecord) => void): ReactNode;
}) {
  const { specs, members, files, can } = useWorkspace();
  const spec = specs[path];
  const [editing, setEditing] = useState<WorkRecord | 'new' | null>(null);
  const context: FieldContext = { options: options ?? {}, members, files };
  const shown = filter ? records.records.filter(filter) : records.records;
  const current = editing === 'new' ? null : editing && records.records.find((r) => r.id === editing.id);
  return (
    <section className="card" aria-label={title}>
      <div className="page-head">
        <h2>{title}</h2>
        {can(spec.page, 'create') && editing === null && <button type="button" className="primary" onClick={() => setEditing('new')}>Add {spec.noun}</button>}
      </div>
      {intro && <p className="muted">{intro}</p>}
      <ErrorNote error={records.error} />
      {editing !== null && (
        <RecordForm key={editing === 'new' ? 'new' : editing.id} spec={spec}
                    record={editing === 'new' ? null : current ?? editing} fields={fields} defaults={defaults}
                    context={context}
                    onSave={(body) => editing === 'new' ? records.create(body) : records.update(current ?? editing, body)}
                    onDone={() => setEditing(null)} />
      )}
      {records.loading ? <p aria-busy="true">Loading…</p>
        : children ? children(shown, setEditing)
          : <RecordTable spec={spec} records={shown} columns={columns} context={context}
                         canEdit={can(spec.page, 'edit')} canDelete={can(spec.page, 'delete')}
                         onEdit={setEditing} onDelete={records.remove} />}
    </section>
  );
}
