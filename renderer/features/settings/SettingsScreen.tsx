// Settings of this device: the local encrypted recording cache (what it holds, its limits, clearing
// it) and how talk analytics are computed.
import { AnalyticsPanel } from './AnalyticsPanel';
import { CachePanel } from './CachePanel';
import './settings.css';

export function SettingsScreen({ active }: { active: boolean }) {
  return (
    <div className="settings">
      <header className="settings-head">
        <h1>Settings</h1>
        <p className="subtle">Settings of this device. Changes are recorded in the audit trail.</p>
      </header>
      <CachePanel active={active} />
      <AnalyticsPanel active={active} />
    </div>
  );
}
