import { connectNats } from '@hotline/messaging';
import { readPackageVersion, runService } from '@hotline/platform/service';
import { buildApp, SERVICE_NAME } from './app.js';
import { loadProjectionsConfig } from './config.js';

await runService({
  name: SERVICE_NAME,
  version: readPackageVersion(new URL('../package.json', import.meta.url)),
  loadConfig: () => loadProjectionsConfig(),
  connectNats: (servers, name, logger) => connectNats({ servers, name, logger }),
  buildApp,
});
