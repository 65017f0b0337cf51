import { connectNats } from '@hotline/messaging';
import { readPackageVersion, runService } from '@hotline/platform/service';
import { buildApp, SERVICE_NAME } from './app.js';
import { startMediaBridge } from './bridge-service.js';
import { loadMediaBridgeConfig } from './config.js';

await runService({
  name: SERVICE_NAME,
  version: readPackageVersion(new URL('../package.json', import.meta.url)),
  loadConfig: () => loadMediaBridgeConfig(),
  connectNats: (servers, name, logger) => connectNats({ servers, name, logger }),
  buildApp: async (deps) => {
    const bridge = await startMediaBridge({
      nodes: deps.config.fsNodes,
      databaseUrl: deps.config.DATABASE_URL,
      ...(deps.config.EVENTSTORE_URL ? { eventStoreUrl: deps.config.EVENTSTORE_URL } : {}),
      nc: deps.nats,
      logger: deps.logger,
      requestTimeoutMs: deps.config.ESL_TIMEOUT_MS,
      callsBucket: deps.config.MEDIA_CALLS_BUCKET,
    });
    try {
      // Ready only while every configured FreeSWITCH node is connected (none configured: always).
      const esl = () => {
        const down = bridge.nodes.filter((n) => !n.esl.connected).map((n) => n.name);
        return down.length === 0
          ? Promise.resolve()
          : Promise.reject(new Error(`ESL down: ${down.join(', ')}`));
      };
      const app = await buildApp({ ...deps, checks: { ...deps.checks, esl } });
      // Closing the HTTP app is the first shutdown step: stop commands and ESL before NATS drains.
      app.addHook('onClose', () => bridge.stop());
      return app;
    } catch (error) {
      await bridge.stop();
      throw error;
    }
  },
});
