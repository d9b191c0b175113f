// The only door to the main process: the preload (or the e2e harness) puts the bridge here.
import type { EarmarkBridge } from '../shared/bridge';

declare global {
  interface Window {
    earmark?: EarmarkBridge;
  }
}

export {};
