// The live connection: one WebSocket to /api/ws, authenticated by its first message, reconnecting with a
// growing pause while the server is away (it restarts during an update). Listeners get each change the
// server pushes, and a "resync" after every reconnect, since changes made meanwhile were not pushed.
import type { LiveEvent } from './api/types';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface LiveListener {
  onEvent?(event: LiveEvent): void;
  onResync?(): void;
  onStatus?(status: LiveStatus): void;
}

/** The session ended (signed out here or elsewhere, a password change, expiry): sign in again. */
const UNAUTHORIZED = 4401;
/** The user's memberships changed (joined, removed, another role): reconnect at once and reload what shows. */
const MEMBERSHIP_CHANGED = 4403;
const MAX_PAUSE_MS = 5000;
/**
 * A connection not ready by then is given up and tried again: while the server restarts, a handshake can
 * hang (the proxy waits on a backend that is going away), and the browser queues every later attempt to
 * the same host behind it.
 */
const HANDSHAKE_MS = 5000;

export class LiveConnection {
  private socket: WebSocket | null = null;
  private listeners = new Set<LiveListener>();
  private status: LiveStatus = 'connecting';
  private pauseMs = 250;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private everLive = false;
  private stopped = false;

  constructor(private readonly token: string, private readonly onUnauthorized: () => void,
              private readonly onMembershipChanged: () => void = () => undefined,
              private readonly url = LiveConnection.defaultUrl()) {
    this.connect();
  }

  static defaultUrl(): string {
    return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`;
  }

  get current(): LiveStatus {
    return this.status;
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    listener.onStatus?.(this.status);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close(1000, 'signed out');
    this.setStatus('closed');
  }

  private connect(): void {
    if (this.stopped) return;
    const socket = new WebSocket(this.url);
    this.socket = socket;
    const handshake = setTimeout(() => socket.close(), HANDSHAKE_MS);
    socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', token: this.token }));
    socket.onmessage = (message) => {
      clearTimeout(handshake);
      this.receive(String(message.data));
    };
    socket.onclose = (e) => {
      clearTimeout(handshake);
      if (this.socket !== socket || this.stopped) return;
      if (e.code === UNAUTHORIZED) {
        this.stopped = true;
        this.setStatus('closed');
        this.onUnauthorized();
        return;
      }
      if (e.code === MEMBERSHIP_CHANGED) {
        this.onMembershipChanged();
        this.pauseMs = 250;
      }
      this.setStatus(this.everLive ? 'reconnecting' : 'connecting');
      this.timer = setTimeout(() => this.connect(), this.pauseMs);
      this.pauseMs = Math.min(this.pauseMs * 2, MAX_PAUSE_MS);
    };
  }

  private receive(raw: string): void {
    let event: { type?: string };
    try {
      event = JSON.parse(raw);
    } catch {
      return;
    }
    if (event.type === 'ready') {
      const wasAway = this.everLive;
      this.everLive = true;
      this.pauseMs = 250;
      this.setStatus('live');
      if (wasAway) this.listeners.forEach((l) => l.onResync?.());
      return;
    }
    this.listeners.forEach((l) => l.onEvent?.(event as LiveEvent));
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.listeners.forEach((l) => l.onStatus?.(status));
  }
}
