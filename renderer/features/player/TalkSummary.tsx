// The call at a glance: who talked how much, dead air, overtalk, the longest customer monologue.
// Numbers come from the backend's talk analytics (computed with the peaks); the same spans are drawn
// as bands on the waveform.
import type { TalkAnalytics } from '../../../shared/player-types';
import { formatClock, formatDuration } from '../../lib/format';

function seconds(sec: number): string {
  if (sec < 60) return `${Math.round(sec)} s`;
  return formatDuration(sec);
}

export function TalkSummary({ analytics, onSeek }: { analytics: TalkAnalytics | null; onSeek(t: number): void }) {
  if (!analytics) {
    return (
      <section className="talk-summary talk-summary-empty" data-testid="talk-summary" data-state="unavailable">
        <span className="subtle">Talk analytics are not available for this recording yet (they need a two-channel call with a waveform).</span>
      </section>
    );
  }
  const a = analytics;
  const talk = a.agentTalkSec + a.customerTalkSec;
  const agentPct = talk > 0 ? Math.round((a.agentTalkSec / talk) * 100) : 0;
  const customerPct = talk > 0 ? 100 - agentPct : 0;
  const mono = a.longestCustomerMonologue;
  return (
    <section className="talk-summary" data-testid="talk-summary" data-state="ready" aria-label="Talk analytics">
      <div className="stat stat-ratio" data-testid="stat-talk-ratio">
        <span className="stat-label">Talk ratio</span>
        <span className="stat-value" title="Agent talk time : customer talk time">
          {a.talkRatio === null ? 'Agent only' : `${a.talkRatio.toFixed(1)} : 1`}
        </span>
        <span className="ratio-bar" aria-label={`Agent ${agentPct}%, customer ${customerPct}%`}>
          <span className="ratio-agent" style={{ width: `${agentPct}%` }} />
          <span className="ratio-customer" style={{ width: `${customerPct}%` }} />
        </span>
        <span className="stat-foot">
          <span className="dot dot-agent" /> Agent {agentPct}% <span className="dot dot-customer" /> Customer {customerPct}%
        </span>
      </div>
      <div className="stat" data-testid="stat-dead-air">
        <span className="stat-label">
          <span className="legend legend-dead-air" /> Dead air
        </span>
        <span className="stat-value">{seconds(a.deadAirTotalSec)}</span>
        <span className="stat-foot">
          {a.deadAir.length === 0 ? `no silence over ${a.deadAirThresholdSec} s` : `${a.deadAir.length} silence${a.deadAir.length === 1 ? '' : 's'} over ${a.deadAirThresholdSec} s`}
        </span>
      </div>
      <div className="stat" data-testid="stat-overtalk">
        <span className="stat-label">
          <span className="legend legend-overtalk" /> Overtalk
        </span>
        <span className="stat-value">{seconds(a.overtalkTotalSec)}</span>
        <span className="stat-foot">{a.overtalk.length === 0 ? 'nobody talked over anyone' : `${a.overtalk.length} time${a.overtalk.length === 1 ? '' : 's'}`}</span>
      </div>
      <div className="stat" data-testid="stat-monologue">
        <span className="stat-label" title="Longest customer monologue">Customer monologue</span>
        <span className="stat-value">{mono ? seconds(mono.end - mono.start) : '—'}</span>
        <span className="stat-foot">
          {mono ? (
            <button type="button" className="link-btn" onClick={() => onSeek(mono.start)}>
              longest, at {formatClock(mono.start).replace(/\.\d$/, '')}
            </button>
          ) : (
            'the customer did not speak'
          )}
        </span>
      </div>
    </section>
  );
}
