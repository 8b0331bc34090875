// The venture's logo (1.2.0): an image uploaded to the venture's files and named in its profile; shown from the
// server with the session (no outside address), replaced by choosing another image.
import { useEffect, useState } from 'react';
import type { Venture } from '../api/types';
import { ErrorNote, messageOf } from '../components/Notes';
import { useSession } from '../context';

export function VentureLogo({ venture, editable, onChanged }: { venture: Venture; editable: boolean; onChanged(v: Venture): void }) {
  const { api, org } = useSession();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const logo = venture.logoFileId ?? null;
  useEffect(() => {
    if (!logo) { setUrl(null); return; }
    let objectUrl: string | null = null;
    api.download(org.id, { id: logo }).then((blob) => { objectUrl = URL.createObjectURL(blob); setUrl(objectUrl); },
      () => setUrl(null));
    return () => { if (objectUrl) URL.revokeObjectURL(objectUrl); };
  }, [api, org.id, logo]);
  async function choose(file: File | undefined) {
    if (!file) return;
    if (!file.type.startsWith('image/')) { setError('A logo is an image (PNG, JPEG, SVG or WebP).'); return; }
    try {
      const stored = await api.upload(org.id, venture.id, file, () => undefined);
      onChanged(await api.updateVenture(org.id, venture.id, { logoFileId: stored.id }, venture.revision));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }
  return (
    <div className="logo-row">
      {url ? <img className="logo" src={url} alt={`Logo of ${venture.name}`} /> : <span className="logo empty" aria-hidden="true" />}
      {editable && <label className="upload">{logo ? 'Change logo' : 'Add a logo'}
        <input type="file" accept="image/*" onChange={(e) => choose(e.target.files?.[0])} /></label>}
      <ErrorNote error={error} />
    </div>
  );
}
