/** What applications, API commands and simulated parties share: the core and the simulated world. */
import type { VirtualClock } from '../clock/virtual-clock.js';
import type { FsCore } from '../core/core.js';
import type { Directory } from './directory.js';
import type { MediaCatalog } from './media-catalog.js';

export interface SimLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface SimContext {
  readonly core: FsCore;
  readonly clock: VirtualClock;
  readonly directory: Directory;
  readonly media: MediaCatalog;
  readonly log: SimLogger;
}
