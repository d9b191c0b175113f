import { useEffect } from 'react';
import { useApp, type Notice } from './store';

const AUTO_DISMISS_MS = 10_000;

function NoticeItem({ notice }: { notice: Notice }) {
  const dismiss = useApp((s) => s.dismissNotice);
  useEffect(() => {
    const t = setTimeout(() => dismiss(notice.id), AUTO_DISMISS_MS);
    return () => clearTimeout(t);
  }, [notice.id, dismiss]);
  return (
    <div className={`notice notice-${notice.kind}`} role="alert" data-testid="error-banner" data-code={notice.kind}>
      <span className="notice-icon" aria-hidden="true">
        !
      </span>
      <div className="notice-text">
        <strong>{notice.title}</strong>
        <span>{notice.message}</span>
      </div>
      <button type="button" className="btn btn-ghost btn-sm" onClick={() => dismiss(notice.id)} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}

export function NoticeBanner() {
  const notices = useApp((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="assertive">
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
    </div>
  );
}
