// The "?" overlay: every player shortcut, grouped, straight from the table the key handler uses.
import { useEffect, useRef } from 'react';
import { SHORTCUTS, type Shortcut } from './shortcuts';
import { usePlayerOverlays, type FeatureShortcut } from './overlays';

const GROUPS: Shortcut['group'][] = ['Playback', 'Navigate', 'Zoom', 'Loop', 'Lanes', 'Other'];

export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDivElement>(null);
  // Keys other features handle in the player (issue 6: redaction review), grouped as they say.
  const layers = usePlayerOverlays((s) => s.layers);
  const featureGroups = new Map<string, FeatureShortcut[]>();
  for (const layer of Object.values(layers)) for (const f of layer.shortcuts ?? []) featureGroups.set(f.group, [...(featureGroups.get(f.group) ?? []), f]);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    dialog.current?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="help-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="help-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        tabIndex={-1}
        ref={dialog}
        data-testid="shortcut-help"
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === '?') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <header className="help-head">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button type="button" className="btn btn-ghost btn-sm" onClick={onClose} aria-label="Close">
            Close <kbd>Esc</kbd>
          </button>
        </header>
        <div className="help-groups">
          {GROUPS.map((g) => (
            <ShortcutGroup key={g} title={g} items={SHORTCUTS.filter((s) => s.group === g).map((s) => ({ id: s.action, keys: s.keys, label: s.label }))} />
          ))}
          {[...featureGroups].map(([g, list]) => (
            <ShortcutGroup key={`feature-${g}`} title={g} testId={`help-group-${g.toLowerCase()}`} items={list.map((s) => ({ id: s.label, keys: s.keys, label: s.label }))} />
          ))}
        </div>
        <p className="help-foot subtle">
          Shortcuts pause while you type in a text field. Drag across the waveform to select a part to loop; Ctrl + mouse wheel zooms around the pointer.
        </p>
      </div>
    </div>
  );
}

function ShortcutGroup({ title, items, testId }: { title: string; items: { id: string; keys: readonly string[]; label: string }[]; testId?: string }) {
  return (
    <section className="help-group" data-testid={testId}>
      <h3>{title}</h3>
      <dl>
        {items.map((s) => (
          <div key={s.id} className="help-row">
            <dt>
              {s.keys.map((k, i) => (
                <span key={i}>
                  {i > 0 && <span className="help-plus">+</span>}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{s.label}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
