import type { SessionInfo } from '../../shared/types';
import { formatDateTime, plural } from '../lib/format';

export function StatusBar({ session }: { session: SessionInfo }) {
  const { store, device } = session;
  return (
    <footer className="statusbar" data-testid="store-status">
      <span className="status-item" title={store.root}>
        <span className="status-key">Store</span>
        <span className="mono status-root">{store.root}</span>
      </span>
      {store.isDemo && <span className="chip chip-warn">Demo store</span>}
      <span className="status-item">{plural(store.recordings, 'recording')}</span>
      {store.lastIndex && (
        <span className="status-item" title={`${store.lastIndex.scanned} files scanned, ${store.lastIndex.problems.length} problems`}>
          Indexed {formatDateTime(store.lastIndex.finishedAt)}
          {store.lastIndex.problems.length > 0 && <span className="status-warn"> · {plural(store.lastIndex.problems.length, 'problem')}</span>}
        </span>
      )}
      <span className="topbar-spacer" />
      <span className="status-item subtle">Device: {device.name}</span>
    </footer>
  );
}
