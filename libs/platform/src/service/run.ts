import { isHotlineError } from '@hotline/contracts';
import { ConfigError } from '../config/load.js';
import type { ServiceConfig } from '../config/pieces.js';
import { createLogger } from '../logging/logger.js';
import { installShutdown } from '../shutdown/index.js';
import { startService, type NatsConnectionLike, type StartServiceOptions } from './runtime.js';

export interface RunServiceOptions<C extends ServiceConfig, N extends NatsConnectionLike> extends Omit<
  StartServiceOptions<C, N>,
  'config' | 'logger'
> {
  /** Reads the environment; a ConfigError stops the process before anything is opened. */
  loadConfig: () => C;
  shutdownTimeoutMs?: number;
}

/**
 * A service's whole `main`: config, logger, PostgreSQL pool, NATS, app, listen, graceful
 * shutdown on SIGINT/SIGTERM. Any startup failure is reported on one line and exits 1, so a
 * supervisor (or the launcher) sees it at once.
 */
export async function runService<C extends ServiceConfig, N extends NatsConnectionLike>(
  options: RunServiceOptions<C, N>,
): Promise<void> {
  let config: C;
  try {
    config = options.loadConfig();
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : String(error);
    process.stderr.write(`${options.name}: ${message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ service: options.name, level: config.LOG_LEVEL });
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled rejection');
    process.exit(1);
  });
  try {
    const service = await startService({ ...options, config, logger });
    installShutdown({ logger, steps: service.shutdownSteps, timeoutMs: options.shutdownTimeoutMs });
    await service.app.listen({ port: config.PORT, host: config.HOST });
    logger.info(
      { version: options.version, port: config.PORT, host: config.HOST },
      `${options.name} ready to serve`,
    );
  } catch (error) {
    const code = isHotlineError(error) ? error.code : undefined;
    logger.fatal({ err: error, code }, `${options.name} failed to start`);
    process.exit(1);
  }
}
