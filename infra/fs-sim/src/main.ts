/** `node dist/main.js`: the simulator with its ESL listener and control API, configured from the environment. */
import { ControlServer } from './control/http-server.js';
import { readConfig } from './config.js';
import { SimError } from './errors.js';
import { loadScenarioFile } from './sim/scenario.js';
import { Simulator } from './simulator.js';

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const scenario = config.scenarioPath ? loadScenarioFile(config.scenarioPath) : undefined;
  const sim = await Simulator.start({
    esl: { host: config.eslHost, port: config.eslPort, password: config.eslPassword },
    clock: config.clock === 'manual' ? { mode: 'manual' } : { mode: 'scaled', scale: config.timeScale },
    hostname: config.hostname,
    logger: { info: (m) => console.log(m), warn: (m) => console.warn(m) },
  });
  if (scenario) sim.loadScenario(scenario);
  const control = new ControlServer(sim);
  const controlPort = await control.listen(config.controlHost, config.controlPort);
  if (config.traffic) {
    if (!sim.hasTrafficConfig)
      throw new SimError('CONFIG_INVALID', 400, 'FS_SIM_TRAFFIC=on needs a scenario with "traffic"');
    sim.startTraffic();
  }
  console.log(
    `fs-sim: ESL on ${config.eslHost}:${sim.esl.port ?? config.eslPort} (Core-UUID ${sim.core.coreUuid})`,
  );
  console.log(`fs-sim: control API on http://${config.controlHost}:${controlPort}`);
  console.log(
    `fs-sim: clock ${config.clock}${config.clock === 'scaled' ? ` x${config.timeScale}` : ''}, ` +
      `scenario ${config.scenarioPath ?? 'none'}, traffic ${config.traffic ? 'on' : 'off'}`,
  );
  const shutdown = (): void => {
    void Promise.all([control.close(), sim.stop()]).then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(`fs-sim: ${err instanceof Error ? err.message : String(err)}`);
  if (err instanceof SimError && err.issues.length > 0) console.error(JSON.stringify(err.issues, null, 2));
  process.exit(1);
});
