import type { ReactNode } from 'react';
import type { RecordingDetail } from '../../../shared/types';
import { capitalize, formatBytes, formatDateTimeSec, formatDuration } from '../../lib/format';

function Row({ label, children, mono }: { label: string; children: ReactNode; mono?: boolean }) {
  const empty = children === null || children === undefined || children === '';
  return (
    <>
      <dt>{label}</dt>
      <dd className={mono && !empty ? 'mono' : undefined}>{empty ? <span className="subtle">—</span> : children}</dd>
    </>
  );
}

function Group({ title, children, className, lead, plain }: { title: string; children: ReactNode; className?: string; lead?: ReactNode; plain?: boolean }) {
  return (
    <section className={`meta-group${className ? ` ${className}` : ''}`}>
      <h3>{title}</h3>
      {lead}
      {plain ? children : <dl>{children}</dl>}
    </section>
  );
}

export function MetadataPanel({ r }: { r: RecordingDetail }) {
  const consent = r.consent;
  const noAnnouncement = consent !== null && !consent.announcementPlayed;
  const a = r.audio;
  return (
    <aside className="meta" data-testid="player-metadata" aria-label="Recording details">
      <Group title="Call">
        <Row label="Call id" mono>
          {r.id}
        </Row>
        <Row label="Start">{formatDateTimeSec(r.startTime)}</Row>
        <Row label="End">{r.endTime ? formatDateTimeSec(r.endTime) : null}</Row>
        <Row label="Duration">{formatDuration(r.durationSec)}</Row>
        <Row label="Direction">{capitalize(r.direction)}</Row>
        <Row label="Queue">{r.queue}</Row>
        <Row label="Disposition">{r.disposition}</Row>
        <Row label="Case number" mono>
          {r.caseNumber}
        </Row>
      </Group>

      <Group title="Agent">
        <Row label="Name">{r.agentName}</Row>
        <Row label="Agent id" mono>
          {r.agentId}
        </Row>
        <Row label="Team">{r.team}</Row>
      </Group>

      <Group title="Customer">
        <Row label="Reference" mono>
          {r.customerRef}
        </Row>
        <Row label="Name">{r.customerName}</Row>
        <Row label="ANI (from)" mono>
          {r.ani}
        </Row>
        <Row label="DNIS (to)" mono>
          {r.dnis}
        </Row>
      </Group>

      <Group
        title="Consent"
        className={noAnnouncement ? 'meta-warn' : undefined}
        lead={
          noAnnouncement && (
            <p className="meta-warn-text" data-testid="player-consent-warning">
              No recording announcement was played on this call.
            </p>
          )
        }
      >
        <Row label="Announcement">
          {consent === null ? (
            <span className="subtle">Unknown</span>
          ) : consent.announcementPlayed ? (
            <span className="chip chip-ok">Played</span>
          ) : (
            <span className="chip chip-warn">Not played</span>
          )}
        </Row>
        <Row label="Jurisdiction">{consent?.jurisdiction}</Row>
        <Row label="All-party consent">{consent?.allPartyRequired == null ? null : consent.allPartyRequired ? 'Required' : 'Not required'}</Row>
      </Group>

      <Group title="Tags" plain>
        <div className="meta-tags">
          {r.tags.length ? (
            r.tags.map((t) => (
              <span key={t} className="chip">
                {t}
              </span>
            ))
          ) : (
            <span className="subtle">No tags</span>
          )}
        </div>
      </Group>

      <Group title="Audio">
        <Row label="Format">
          {a.format.toUpperCase()}
          {a.codec ? ` · ${a.codec}` : ''}
        </Row>
        <Row label="Sample rate">{a.sampleRate ? `${(a.sampleRate / 1000).toLocaleString()} kHz` : null}</Row>
        <Row label="Channels">{a.channels ? (a.channels === 1 ? 'Mono' : a.channels === 2 ? 'Stereo (2)' : String(a.channels)) : null}</Row>
        <Row label="Size">{formatBytes(a.sizeBytes)}</Row>
        <Row label="File" mono>
          <span title={a.file}>{a.file}</span>
        </Row>
        <Row label="Transcript">{r.hasTranscript ? 'Available' : 'None'}</Row>
      </Group>
    </aside>
  );
}
