// The OS keychain through keytar: macOS Keychain, Windows Credential Manager, Linux Secret Service
// (GNOME Keyring, KeePassXC, KWallet's Secret Service bridge). Secrets are stored base64-encoded under
// one service name, each account prefixed with the installation id of the data directory.
import { KEY_NAMES, KeyedLock, KeychainUnavailableError, VaultError, makeSecret, type KeyVault } from './key-vault';

type Keytar = typeof import('keytar');

export const KEYCHAIN_SERVICE = 'Earmark';
/** keytar can wait forever on a D-Bus that never answers; nothing here waits longer than this. */
// How long a keychain call may take before Earmark says the keychain is unreachable. A loaded machine
// (a CI run with browsers and audio work in parallel) can be slow to answer: EARMARK_KEYCHAIN_TIMEOUT_MS
// raises it there.
export const KEYCHAIN_TIMEOUT_MS = Number(process.env.EARMARK_KEYCHAIN_TIMEOUT_MS) > 0 ? Number(process.env.EARMARK_KEYCHAIN_TIMEOUT_MS) : 10_000;

export interface KeychainOptions {
  installationId: string;
  service?: string;
  timeoutMs?: number;
  /** For tests of the failure paths only. */
  keytar?: Keytar;
}

const BACKENDS: Record<string, string> = { darwin: 'macOS Keychain', win32: 'Windows Credential Manager' };
const backendName = () => BACKENDS[process.platform] ?? 'Secret Service (D-Bus)';

/** What to install or start, in one line, for this platform. */
export function keychainHelp(reason: string): string {
  const why = reason.replace(/\s+/g, ' ').trim();
  if (process.platform === 'darwin') {
    return `Earmark keeps its encryption keys in the macOS Keychain and cannot reach it (${why}). Unlock your login keychain in Keychain Access and start Earmark again; Earmark never stores its data unencrypted.`;
  }
  if (process.platform === 'win32') {
    return `Earmark keeps its encryption keys in Windows Credential Manager and cannot reach it (${why}). Sign in to Windows with your own account (Credential Manager must be running) and start Earmark again; Earmark never stores its data unencrypted.`;
  }
  return (
    `Earmark keeps its encryption keys in the system keychain (a Secret Service on D-Bus) and none is reachable (${why}). ` +
    'Install and start one — GNOME Keyring (apt install gnome-keyring libsecret-1-0) or KeePassXC with Secret Service integration enabled — ' +
    'in a desktop session with a D-Bus session bus (DBUS_SESSION_BUS_ADDRESS set; headless: dbus-run-session), unlock it, and start Earmark again. ' +
    'Earmark never stores its data unencrypted.'
  );
}

function loadKeytar(): Keytar {
  try {
    return require('keytar') as Keytar;
  } catch (err) {
    throw new KeychainUnavailableError(keychainHelp(`the keytar module could not load: ${(err as Error).message.split('\n')[0]}`));
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KeychainUnavailableError(keychainHelp(`${what} got no answer within ${Math.round(ms / 1000)} s`))), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

export class KeychainVault implements KeyVault {
  readonly backend = backendName();
  readonly installationId: string;
  private readonly service: string;
  private readonly timeoutMs: number;
  private readonly keytar: Keytar;
  private readonly lock = new KeyedLock();

  private constructor(opts: KeychainOptions, keytar: Keytar) {
    if (!/^[A-Za-z0-9-]{8,64}$/.test(opts.installationId)) throw new VaultError('the installation id is malformed');
    this.installationId = opts.installationId;
    this.service = opts.service ?? KEYCHAIN_SERVICE;
    this.timeoutMs = opts.timeoutMs ?? KEYCHAIN_TIMEOUT_MS;
    this.keytar = keytar;
  }

  /**
   * Opens the keychain for one installation, or throws KeychainUnavailableError. The probe writes,
   * reads back and deletes an item, because a locked Secret Service answers reads with "nothing
   * there" rather than an error, which would look like destroyed keys.
   */
  static async open(opts: KeychainOptions): Promise<KeychainVault> {
    const v = new KeychainVault(opts, opts.keytar ?? loadKeytar());
    const account = v.account('probe');
    const marker = `probe-${Date.now()}`;
    try {
      await v.call(() => v.keytar.setPassword(v.service, account, marker), 'storing a test item');
      const back = await v.call(() => v.keytar.getPassword(v.service, account), 'reading the test item');
      await v.call(() => v.keytar.deletePassword(v.service, account), 'deleting the test item');
      if (back !== marker) throw new KeychainUnavailableError(keychainHelp('a test item could not be read back (is the keychain locked?)'));
    } catch (err) {
      if (err instanceof KeychainUnavailableError) throw err;
      throw new KeychainUnavailableError(keychainHelp((err as Error)?.message ?? String(err)));
    }
    return v;
  }

  private account(name: string): string {
    return `${this.installationId}:${name}`;
  }

  private call<T>(fn: () => Promise<T>, what: string): Promise<T> {
    return withTimeout(Promise.resolve().then(fn), this.timeoutMs, what);
  }

  /** Keychain failures after the probe: typed, and never carrying a secret. */
  private async op<T>(fn: () => Promise<T>, what: string): Promise<T> {
    try {
      return await this.call(fn, what);
    } catch (err) {
      if (err instanceof KeychainUnavailableError || err instanceof VaultError) throw err;
      throw new VaultError(`the keychain refused ${what}: ${(err as Error)?.message ?? String(err)}`);
    }
  }

  async get(name: string): Promise<Buffer | null> {
    const v = await this.op(() => this.keytar.getPassword(this.service, this.account(name)), `reading the ${name} key`);
    return v === null ? null : Buffer.from(v, 'base64');
  }

  getOrCreate(name: string, create: number | (() => Buffer)): Promise<Buffer> {
    return this.lock.run(name, async () => {
      const existing = await this.get(name);
      if (existing) return existing;
      const secret = makeSecret(create);
      await this.op(() => this.keytar.setPassword(this.service, this.account(name), secret.toString('base64')), `storing the ${name} key`);
      // Read back what the keychain holds, so a concurrent writer in another process wins consistently.
      const stored = await this.get(name);
      if (!stored) throw new VaultError(`the keychain did not keep the ${name} key`);
      return stored;
    });
  }

  delete(name: string): Promise<boolean> {
    return this.lock.run(name, () => this.op(() => this.keytar.deletePassword(this.service, this.account(name)), `deleting the ${name} key`));
  }

  async names(): Promise<string[]> {
    const prefix = this.account('');
    const creds = await this.op(() => this.keytar.findCredentials(this.service), 'listing keys');
    return creds
      .map((c) => c.account)
      .filter((a) => a.startsWith(prefix))
      .map((a) => a.slice(prefix.length))
      .sort();
  }

  async deleteAll(): Promise<number> {
    let n = 0;
    for (const name of await this.names()) if (await this.delete(name)) n++;
    const left = await this.names();
    if (left.length) throw new VaultError(`${left.length} key(s) of this installation could not be destroyed`);
    return n;
  }
}

export const openKeychainVault = (installationId: string): Promise<KeyVault> => KeychainVault.open({ installationId });

export { KEY_NAMES };
