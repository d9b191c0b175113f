// A compact multi-select: a filterable list of checkboxes (agents can run into the hundreds).
import { useId, useMemo, useState } from 'react';

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

interface Props {
  options: Option[];
  selected: string[];
  onChange: (next: string[]) => void;
  placeholder: string;
  testId?: string;
}

const SEARCHABLE_FROM = 8;

export function CheckList({ options, selected, onChange, placeholder, testId }: Props) {
  const [query, setQuery] = useState('');
  const id = useId();
  const chosen = useMemo(() => new Set(selected), [selected]);
  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    const list = q ? options.filter((o) => o.label.toLowerCase().includes(q) || o.value.toLowerCase().includes(q)) : options;
    // Selected ones first so they stay in sight.
    return [...list.filter((o) => chosen.has(o.value)), ...list.filter((o) => !chosen.has(o.value))];
  }, [options, query, chosen]);

  const toggle = (value: string) => onChange(chosen.has(value) ? selected.filter((v) => v !== value) : [...selected, value]);

  if (options.length === 0) return <p className="subtle checklist-none">None in the library</p>;
  return (
    <div className="checklist" data-testid={testId}>
      {options.length >= SEARCHABLE_FROM && (
        <input className="input input-sm" type="search" placeholder={placeholder} value={query} onChange={(e) => setQuery(e.target.value)} aria-label={placeholder} />
      )}
      <ul className="checklist-items" role="group">
        {visible.map((o) => (
          <li key={o.value}>
            <label className="check" htmlFor={`${id}-${o.value}`}>
              <input id={`${id}-${o.value}`} type="checkbox" checked={chosen.has(o.value)} onChange={() => toggle(o.value)} data-value={o.value} />
              <span className="check-label">{o.label}</span>
              {o.hint && <span className="check-hint">{o.hint}</span>}
            </label>
          </li>
        ))}
        {visible.length === 0 && <li className="subtle checklist-none">No match</li>}
      </ul>
    </div>
  );
}
