// Records as a table: the columns asked for, a source tag where AI wrote it, and edit/delete per row.
import { useState } from 'react';
import { ErrorNote, messageOf } from '../components/Notes';
import { show, type FieldContext } from './FieldInput';
import { field, label, titleOf, type ResourceSpec, type WorkRecord } from './model';

export function RecordTable({ spec, records, columns, context, canEdit, canDelete, onEdit, onDelete }: {
  spec: ResourceSpec;
  records: WorkRecord[];
  columns: string[];
  context: FieldContext;
  canEdit: boolean;
  canDelete: boolean;
  onEdit(r: WorkRecord): void;
  onDelete(r: WorkRecord): Promise<void>;
}) {
  const [error, setError] = useState<string | null>(null);
  if (records.length === 0) return <p className="muted">No {spec.noun}s yet.</p>;
  const editable = canEdit || canDelete;
  async function remove(r: WorkRecord) {
    if (!confirm(`Delete the ${spec.noun} "${titleOf(r)}"?`)) return;
    try {
      await onDelete(r);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }
  return (
    <>
      <ErrorNote error={error} />
      <table className="records" aria-label={`${label(spec.path)}`}>
        <thead>
          <tr>{columns.map((c) => <th key={c} scope="col">{label(c)}</th>)}{editable && <th><span className="sr-only">Actions</span></th>}</tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.id}>
              {columns.map((c, i) => (
                <td key={c}>{show(field(spec, c), r[c], context)}{i === 0 && r.source === 'ai' && <span className="tag ai">AI</span>}</td>
              ))}
              {editable && (
                <td className="actions">
                  {canEdit && <button type="button" onClick={() => onEdit(r)} aria-label={`Edit ${titleOf(r)}`}>Edit</button>}
                  {canDelete && <button type="button" className="danger" onClick={() => remove(r)} aria-label={`Delete ${titleOf(r)}`}>Delete</button>}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
