import { useMemo, useState, type FormEvent } from 'react';
import { UNITS, type Metric, type Unit } from '../api/types';
import { atLeastVersion, useSession } from '../context';
import { MetricChart } from './MetricChart';
import { ErrorNote } from './Notes';
import { useAction } from './useAction';

/** The venture's metrics, one chart per name, and a form to add a data point. */
export function Metrics({ ventureId, metrics, onAdded, canAdd }: {
  ventureId: string;
  metrics: Metric[];
  onAdded: (m: Metric) => void;
  /** The person may add data points (their role; from 1.2.0 the overview page of their custom role). */
  canAdd: boolean;
}) {
  const byName = useMemo(() => {
    const groups = new Map<string, Metric[]>();
    [...metrics].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id - b.id)
      .forEach((m) => groups.set(m.name, [...(groups.get(m.name) ?? []), m]));
    return groups;
  }, [metrics]);

  return (
    <section className="card" aria-labelledby="metrics-title">
      <h2 id="metrics-title">Metrics</h2>
      {byName.size === 0 && <p className="empty">No data points yet.</p>}
      <div className="charts">
        {[...byName.entries()].map(([name, points]) => <MetricChart key={name} name={name} points={points} />)}
      </div>
      {canAdd && <AddPoint ventureId={ventureId} names={[...byName.keys()]} onAdded={onAdded} />}
    </section>
  );
}

function AddPoint({ ventureId, names, onAdded }: { ventureId: string; names: string[]; onAdded: (m: Metric) => void }) {
  const { api, org, serverVersion } = useSession();
  const hasUnits = atLeastVersion(serverVersion, '1.1.0');
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [date, setDate] = useState('');
  const [unit, setUnit] = useState<Unit>('none');
  const { busy, error, setError, run } = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    const number = Number(value.replace(',', '.'));
    if (!/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,79}$/.test(name.trim())) {
      setError("A metric's name is 1 to 80 letters, digits, spaces, '_', '.' or '-', starting with a letter or digit.");
      return;
    }
    if (value.trim() === '' || !Number.isFinite(number)) { setError(`"${value}" is not a number.`); return; }
    run(async () => {
      onAdded(await api.addMetric(org.id, ventureId, {
        name: name.trim(), value: number,
        recordedAt: date ? new Date(`${date}T12:00:00`).toISOString() : undefined,
        unit: hasUnits ? unit : undefined,
      }));
      setValue('');
    });
  }

  return (
    <form className="add-point" onSubmit={submit} aria-labelledby="add-point-title">
      <h3 id="add-point-title">Add a data point</h3>
      <div className="grid-4">
        <label>Metric
          <input required list="metric-names" value={name} placeholder="e.g. MRR" onChange={(e) => setName(e.target.value)} />
          <datalist id="metric-names">{names.map((n) => <option key={n} value={n} />)}</datalist>
        </label>
        <label>Value
          <input required inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <label>Date <span className="muted">(today if empty)</span>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        {hasUnits && (
          <label>Unit
            <select value={unit} onChange={(e) => setUnit(e.target.value as Unit)}>
              {UNITS.map((u) => <option key={u} value={u}>{u}</option>)}
            </select>
          </label>
        )}
      </div>
      <ErrorNote error={error} />
      <button type="submit" disabled={busy}>{busy ? 'Adding…' : 'Add data point'}</button>
    </form>
  );
}
