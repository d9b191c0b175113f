// Native file dialogs, asked for by the backend when a command needs the person to choose a file
// (where to save an export, which leaked file to identify). The renderer never names a path itself:
// a compromised page could otherwise write or read anywhere. In Electron the main thread shows the
// dialog; the CLI answers with the path given on its command line; the e2e harness with a test's.

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface SaveDialogRequest {
  kind: 'save';
  title: string;
  defaultName: string;
  filters: FileFilter[];
}

export interface OpenDialogRequest {
  kind: 'open';
  title: string;
  filters: FileFilter[];
}

export type DialogRequest = SaveDialogRequest | OpenDialogRequest;

/** Returns the chosen path, or null when the person cancelled. */
export type FileDialogs = (request: DialogRequest) => Promise<string | null>;
