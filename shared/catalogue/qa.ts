// QA: evaluation forms, evaluations, sampling, calibration, reports.
// Add commands here with command<Result>()({ permission, input, summary, target }) from './define'.
export const qaCommands = {} as const;
