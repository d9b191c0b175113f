// Keychain vault, encryption keys, profile removal (crypto-shredding).
// Add commands here with command<Result>()({ permission, input, summary, target }) from './define'.
export const vaultCommands = {} as const;
