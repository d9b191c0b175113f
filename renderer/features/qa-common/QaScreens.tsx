// The QA screens' slots in the shell, mounted on first visit and kept mounted like the others.
import type { Screen } from '../../app/store';
import { EvaluationsScreen } from '../qa-queue/EvaluationsScreen';
import { CalibrationScreen } from '../calibration/CalibrationScreen';
import { ReportsScreen } from '../reports/ReportsScreen';
import { FormsScreen } from '../forms/FormsScreen';
import './qa.css';

const SLOTS = [
  { screen: 'evaluations', label: 'Evaluations', Component: EvaluationsScreen },
  { screen: 'calibration', label: 'Calibration', Component: CalibrationScreen },
  { screen: 'reports', label: 'Reports', Component: ReportsScreen },
  { screen: 'forms', label: 'Evaluation forms', Component: FormsScreen },
] as const satisfies readonly { screen: Screen; label: string; Component: (p: { active: boolean }) => unknown }[];

export function QaScreens({ screen, visited }: { screen: Screen; visited: Partial<Record<Screen, boolean>> }) {
  return (
    <>
      {SLOTS.map(({ screen: s, label, Component }) =>
        visited[s] ? (
          <section key={s} className="screen" hidden={screen !== s} aria-label={label}>
            <Component active={screen === s} />
          </section>
        ) : null,
      )}
    </>
  );
}
