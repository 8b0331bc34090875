import { useEffect, useState } from 'react';
import type { LiveConnection, LiveStatus } from '../live';

/** Says when live updates stop (the server restarting, the network gone) and when they are back. */
export function ConnectionBanner({ live }: { live: LiveConnection }) {
  const [status, setStatus] = useState<LiveStatus>(live.current);
  const [back, setBack] = useState(false);
  useEffect(() => live.subscribe({ onStatus: setStatus, onResync: () => setBack(true) }), [live]);
  useEffect(() => {
    if (!back) return;
    const t = setTimeout(() => setBack(false), 4000);
    return () => clearTimeout(t);
  }, [back]);

  return (
    <div aria-live="polite" className="connection-slot">
      {status === 'reconnecting' && (
        <div className="banner warn" data-testid="connection-lost">
          The connection to the server was lost (it may be restarting for an update). Reconnecting… Your page
          will catch up when it is back.
        </div>
      )}
      {status === 'live' && back && (
        <div className="banner ok" data-testid="connection-back">Connected again; this page is up to date.</div>
      )}
    </div>
  );
}

export function LiveDot({ live }: { live: LiveConnection }) {
  const [status, setStatus] = useState<LiveStatus>(live.current);
  useEffect(() => live.subscribe({ onStatus: setStatus }), [live]);
  const label = status === 'live' ? 'Live' : status === 'reconnecting' ? 'Reconnecting' : 'Connecting';
  return (
    <span className={`live-dot ${status}`} data-testid="live-status" title={`Live updates: ${label.toLowerCase()}`}>
      <span aria-hidden="true" className="dot" />
      {label}
    </span>
  );
}
