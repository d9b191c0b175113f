// The encrypted recording cache: stats, clearing, pinning, downloads.
// Add commands here with command<Result>()({ permission, input, summary, target }) from './define'.
export const cacheCommands = {} as const;
