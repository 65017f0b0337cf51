import { Type } from '@sinclair/typebox';
import type { HttpServer, HttpServerOptions } from './server.js';

const CheckResult = Type.Object({
  status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  durationMs: Type.Number(),
  reason: Type.Optional(Type.Union([Type.Literal('error'), Type.Literal('timeout')])),
});

const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  checks: Type.Record(Type.String(), CheckResult),
});

const Liveness = Type.Object({
  status: Type.Literal('ok'),
  service: Type.String(),
  version: Type.String(),
  uptimeS: Type.Number(),
});

/**
 * Probes are public (no API key) and exempt from rate limiting: an orchestrator polls them from
 * one address. Liveness never touches dependencies, so a database outage does not restart pods.
 */
export function registerHealthRoutes(app: HttpServer, options: HttpServerOptions): void {
  const started = performance.now();
  app.get(
    '/healthz',
    {
      config: { rateLimit: false },
      // Probes arrive every few seconds; only their failures are worth a log line.
      logLevel: 'warn',
      schema: { tags: ['health'], summary: 'Liveness', security: [], response: { 200: Liveness } },
    },
    () => ({
      status: 'ok' as const,
      service: options.serviceName,
      version: options.version,
      uptimeS: Math.round((performance.now() - started) / 1000),
    }),
  );
  app.get(
    '/readyz',
    {
      config: { rateLimit: false },
      logLevel: 'warn',
      schema: {
        tags: ['health'],
        summary: 'Readiness: every dependency check passes',
        security: [],
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (request, reply) => {
      try {
        const report = await options.readiness();
        return await reply.code(report.status === 'ready' ? 200 : 503).send(report);
      } catch (error) {
        request.log.error({ err: error }, 'readiness evaluation failed');
        return await reply.code(503).send({ status: 'not_ready' as const, checks: {} });
      }
    },
  );
}
