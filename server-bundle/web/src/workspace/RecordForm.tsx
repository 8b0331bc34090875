// A form for one record of any resource: the fields asked (by default every field a person types), checked by the
// browser for what it can and by the server for the rest, whose sentence is shown as it is.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { ErrorNote, messageOf } from '../components/Notes';
import { FieldInput, type FieldContext } from './FieldInput';
import { label, type ResourceSpec, type WorkRecord } from './model';

const TYPED = new Set(['TEXT', 'CHOICE', 'NUMBER', 'INTEGER', 'DATE', 'INSTANT', 'FLAG', 'TAGS', 'REF', 'REFS', 'MEMBERS',
  'FILE', 'FILES']);

export function formFields(spec: ResourceSpec, only?: string[]): string[] {
  return only ?? spec.fields.filter((f) => TYPED.has(f.kind)).map((f) => f.name);
}

export function RecordForm({ spec, record, fields, defaults, context, onSave, onDone }: {
  spec: ResourceSpec;
  record: WorkRecord | null;
  fields?: string[];
  defaults?: Record<string, unknown>;
  context: FieldContext;
  onSave(body: Record<string, unknown>): Promise<unknown>;
  onDone(): void;
}) {
  const names = formFields(spec, fields);
  const [draft, setDraft] = useState<Record<string, unknown>>(() =>
    Object.fromEntries(names.map((n) => [n, record ? record[n] : defaults?.[n] ?? null])));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    for (const n of names) {
      const value = draft[n] === '' ? null : draft[n];
      if (record === null ? value !== null : JSON.stringify(value) !== JSON.stringify(record[n] ?? null)) body[n] = value;
    }
    if (record === null) Object.assign(body, Object.fromEntries(Object.entries(defaults ?? {}).filter(([k]) => !names.includes(k))));
    setBusy(true);
    setError(null);
    try {
      await onSave(body);
      onDone();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 409
        ? `Someone else changed this ${spec.noun} since you opened it; close this form to see their version, then make your change again.`
        : messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card record-form" onSubmit={submit} aria-label={`${record ? 'Edit' : 'New'} ${spec.noun}`}>
      <h3>{record ? `Edit ${spec.noun}` : `New ${spec.noun}`}</h3>
      <div className="grid-2">
        {names.map((n) => {
          const f = spec.fields.find((x) => x.name === n);
          if (!f) return null;
          return (
            <label key={n} className={f.kind === 'FLAG' ? 'check' : undefined}>{label(n)}{f.required ? ' *' : ''}
              <FieldInput spec={f} value={draft[n]} context={context} onChange={(v) => setDraft({ ...draft, [n]: v })} />
            </label>
          );
        })}
      </div>
      <ErrorNote error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Saving…' : record ? 'Save' : `Add ${spec.noun}`}</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
