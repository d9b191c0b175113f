// Redaction, training clips, exports, watermarks, legal holds and evidence packages.
// Add commands here with command<Result>()({ permission, input, summary, target }) from './define'.
export const redactionCommands = {} as const;
