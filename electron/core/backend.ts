// Composes the services and the dispatcher: what the Electron worker, the end-to-end harness and the
// CLI each instantiate. Nothing here knows about Electron.
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher';
import { auditHandlers } from './handlers/audit-handlers';
import { cacheHandlers } from './handlers/cache-handlers';
import { libraryHandlers } from './handlers/library-handlers';
import { playerHandlers } from './handlers/player-handlers';
import { qaHandlers } from './handlers/qa-handlers';
import { redactionHandlers } from './handlers/redaction-handlers';
import { exportHandlers } from './handlers/export-handlers';
import { legalHandlers } from './handlers/legal-handlers';
import { sessionHandlers } from './handlers/session-handlers';
import { vaultHandlers } from './handlers/vault-handlers';
import { handleMediaRequest } from './media/media-handler';
import { playableView } from './media/playable-view';
import { Services, removeLocalDataFiles, type ServicesOptions } from './services';
import { SYSTEM_ACTOR } from './session/session';

export interface Backend {
  services: Services;
  dispatch: Dispatch;
  media(request: Request): Promise<Response>;
  /** Index the store as the system actor, audited like any command. */
  indexAsSystem(): Promise<void>;
  close(): void;
}

export interface BackendOptions extends ServicesOptions {
  logError?: (msg: string) => void;
  /** After "remove all local data" destroyed the keys, also delete the files (default true). */
  removeFilesOnDestroy?: boolean;
}

const GONE = {
  ok: false as const,
  error: { code: 'unavailable' as const, message: 'all local data was removed from this device; close Earmark and start it again to begin afresh' },
};

/** Opens the services (keychain, encrypted database) and composes the dispatcher over them. */
export async function createBackend(opts: BackendOptions): Promise<Backend> {
  const services = await Services.open(opts);
  const handlers: Handlers = { ...sessionHandlers(services), ...libraryHandlers(services), ...playerHandlers(services, opts.logError), ...auditHandlers(services), ...vaultHandlers(services), ...cacheHandlers(services), ...qaHandlers(services), ...redactionHandlers(services), ...exportHandlers(services), ...legalHandlers(services, opts.logError) };
  const inner = createDispatcher({
    handlers,
    audit: services.audit,
    currentActor: () => services.currentActor(),
    onInternalError: (command, err) => opts.logError?.(`${command}: ${(err as Error)?.stack ?? String(err)}`),
  });
  // Once the keys are destroyed nothing more can be read or audited: the database is closed, its
  // files deleted, and every later call is refused without touching them.
  let gone = false;
  const dispatch: Dispatch = async (name, input, as) => {
    if (gone) return GONE;
    let result: Awaited<ReturnType<Dispatch>>;
    try {
      result = await inner(name, input, as);
    } catch (err) {
      // A command still running when the data was removed finds its database closed.
      if (gone) return GONE;
      throw err;
    }
    if (services.destroyed && !gone) {
      gone = true;
      services.close();
      if (opts.removeFilesOnDestroy !== false) removeLocalDataFiles(services.dataDir);
    }
    return result;
  };
  return {
    services,
    dispatch,
    media: (request) =>
      gone
        ? Promise.resolve(new Response(null, { status: 404 }))
        : handleMediaRequest(request, async (id) => {
            // Formats Chromium cannot play are served as a 16-bit PCM view, converted as they stream.
            const source = await services.mediaSource(id);
            return source && playableView(source);
          }),
    async indexAsSystem() {
      const r = await dispatch('store.reindex', {}, SYSTEM_ACTOR);
      if (!r.ok) opts.logError?.(`indexing failed: ${r.error.message}`);
    },
    close: () => services.close(),
  };
}
