// TEST DOUBLE ONLY. An in-memory KeyVault for unit tests that do not exercise the OS keychain. It
// lives under test/ and is never shipped: the product has no non-keychain vault and no fallback.
import { KeyedLock, makeSecret, type KeyVault, type OpenVault } from '../../electron/core/vault/key-vault';

/** One fake keychain shared by every installation opened through it (like the real one). */
export class MemoryKeychain {
  readonly entries = new Map<string, Buffer>();
  readonly open: OpenVault = async (installationId) => new MemoryVault(this, installationId);
}

export class MemoryVault implements KeyVault {
  readonly backend = 'in-memory test double';
  private readonly lock = new KeyedLock();
  constructor(
    private readonly chain: MemoryKeychain,
    readonly installationId: string,
  ) {}
  private account = (name: string) => `${this.installationId}:${name}`;
  async get(name: string) {
    const v = this.chain.entries.get(this.account(name));
    return v ? Buffer.from(v) : null;
  }
  getOrCreate(name: string, create: number | (() => Buffer)) {
    return this.lock.run(name, async () => {
      const v = await this.get(name);
      if (v) return v;
      this.chain.entries.set(this.account(name), makeSecret(create));
      return (await this.get(name))!;
    });
  }
  async delete(name: string) {
    return this.chain.entries.delete(this.account(name));
  }
  async names() {
    const p = this.account('');
    return [...this.chain.entries.keys()].filter((k) => k.startsWith(p)).map((k) => k.slice(p.length)).sort();
  }
  async deleteAll() {
    let n = 0;
    for (const name of await this.names()) if (await this.delete(name)) n++;
    return n;
  }
}

/** A fresh fake keychain's opener, for tests that just need Services to open. */
export const memoryVault = (): OpenVault => new MemoryKeychain().open;
