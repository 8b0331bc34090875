import { useRef, useState } from 'react';
import { canEdit, type StoredFile } from '../api/types';
import { useSession } from '../context';
import { ErrorNote, messageOf } from './Notes';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024, i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** The venture's files: uploaded through the server with progress, downloaded with the session. */
export function Files({ ventureId, files, onUploaded }: {
  ventureId: string;
  files: StoredFile[];
  onUploaded: (f: StoredFile) => void;
}) {
  const { api, org } = useSession();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function upload(list: FileList | null) {
    if (!list || list.length === 0) return;
    setError(null);
    for (const file of Array.from(list)) {
      setProgress({ name: file.name, fraction: 0 });
      try {
        onUploaded(await api.upload(org.id, ventureId, file, (fraction) => setProgress({ name: file.name, fraction })));
      } catch (err) {
        setError(`${file.name} was not uploaded: ${messageOf(err)}`);
        break;
      }
    }
    setProgress(null);
    if (input.current) input.current.value = '';
  }

  async function download(file: StoredFile) {
    try {
      const blob = await api.download(org.id, file);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = file.name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(`${file.name} could not be downloaded: ${messageOf(err)}`);
    }
  }

  return (
    <section className="card" aria-labelledby="files-title">
      <h2 id="files-title">Files</h2>
      {canEdit(org.role) && (
        <label className="upload">Upload files
          <input ref={input} type="file" multiple disabled={progress !== null} onChange={(e) => upload(e.target.files)} />
        </label>
      )}
      {progress && (
        <div className="progress-row">
          <label htmlFor="upload-progress">Uploading {progress.name}</label>
          <progress id="upload-progress" max={1} value={progress.fraction} />
          <span>{Math.round(progress.fraction * 100)}%</span>
        </div>
      )}
      <ErrorNote error={error} />
      {files.length === 0 ? <p className="empty">No files yet.</p> : (
        <table className="files">
          <thead><tr><th scope="col">Name</th><th scope="col">Size</th><th scope="col">Uploaded</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {files.map((f) => (
              <tr key={f.id}>
                <td>{f.name}</td>
                <td>{formatBytes(f.sizeBytes)}</td>
                <td>{new Date(f.createdAt).toLocaleString()}</td>
                <td><button type="button" onClick={() => download(f)} aria-label={`Download ${f.name}`}>Download</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
