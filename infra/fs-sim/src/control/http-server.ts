/**
 * The control API: JSON over node:http, every input validated, errors as
 * { "error": { "code", "message", "issues"? } } with a 4xx status and a stable code.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { SimError } from '../errors.js';
import type { Simulator } from '../simulator.js';
import type { Route } from './route-kit.js';
import { routes } from './routes.js';

const MAX_BODY = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw new SimError('BODY_TOO_LARGE', 413, `request body over ${MAX_BODY} bytes`);
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SimError('BODY_NOT_JSON', 400, 'request body is not valid JSON');
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function match(method: string, path: string): { route: Route; params: string[] } | SimError {
  let pathMatched = false;
  for (const route of routes) {
    const m = route.path.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (route.method === method) return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return pathMatched
    ? new SimError('METHOD_NOT_ALLOWED', 405, `${method} is not allowed on ${path}`)
    : new SimError('ROUTE_NOT_FOUND', 404, `no route ${path}`);
}

export class ControlServer {
  private server: Server | undefined;

  constructor(private readonly sim: Simulator) {}

  async listen(host: string, port: number): Promise<number> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (err instanceof SimError) send(res, err.status, { error: err.toJSON() });
        else send(res, 500, { error: { code: 'INTERNAL', message: String(err) } });
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const addr = server.address();
    return addr !== null && typeof addr === 'object' ? addr.port : port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const found = match(req.method ?? 'GET', url.pathname.replace(/\/+$/, '') || '/');
    if (found instanceof SimError) throw found;
    const body = await readBody(req);
    const result = await found.route.handle(this.sim, { params: found.params, body });
    send(res, result.status, result.body);
  }
}
