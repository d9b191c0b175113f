// The player: formats, waveforms, talk analytics, transcripts.
// Add commands here with command<Result>()({ permission, input, summary, target }) from './define'.
export const playerCommands = {} as const;
