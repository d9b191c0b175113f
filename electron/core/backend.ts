// Composes the services and the dispatcher: what the Electron worker, the end-to-end harness and the
// CLI each instantiate. Nothing here knows about Electron.
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher';
import { auditHandlers } from './handlers/audit-handlers';
import { libraryHandlers } from './handlers/library-handlers';
import { sessionHandlers } from './handlers/session-handlers';
import { handleMediaRequest } from './media/media-handler';
import { Services, type ServicesOptions } from './services';
import { SYSTEM_ACTOR } from './session/session';

export interface Backend {
  services: Services;
  dispatch: Dispatch;
  media(request: Request): Promise<Response>;
  /** Index the store as the system actor, audited like any command. */
  indexAsSystem(): Promise<void>;
  close(): void;
}

export function createBackend(opts: ServicesOptions & { logError?: (msg: string) => void }): Backend {
  const services = new Services(opts);
  const handlers: Handlers = { ...sessionHandlers(services), ...libraryHandlers(services), ...auditHandlers(services) };
  const dispatch = createDispatcher({
    handlers,
    audit: services.audit,
    currentActor: () => services.currentActor(),
    onInternalError: (command, err) => opts.logError?.(`${command}: ${(err as Error)?.stack ?? String(err)}`),
  });
  return {
    services,
    dispatch,
    media: (request) => handleMediaRequest(request, async (id) => services.mediaSource(id)),
    async indexAsSystem() {
      const r = await dispatch('store.reindex', {}, SYSTEM_ACTOR);
      if (!r.ok) opts.logError?.(`indexing failed: ${r.error.message}`);
    },
    close: () => services.close(),
  };
}
