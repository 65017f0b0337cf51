import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import {
  errors as natsErrors,
  type Msg,
  type NatsConnection,
  type Subscription,
} from '@nats-io/transport-node';
import { ValidationError, isHotlineError, type ErrorKind } from '@hotline/contracts';
import {
  CommandResponseInvalidError,
  CommandTimeoutError,
  MessagingUnavailableError,
  NoRespondersError,
  RemoteCommandError,
} from './errors.js';
import { silentLogger, type Logger } from './logger.js';
import { renderSubject, templateParams } from './subjects.js';
import { decodeJson, encodeJson, issuesOf } from './json.js';

// THE one place where HotlineError ↔ NATS reply mapping happens (docs/decisions.md D3).

export interface CommandSpec<Req extends TSchema = TSchema, Res extends TSchema = TSchema> {
  /** `hl.cmd.{service}.…`, optionally with `{param}` placeholders filled per call. */
  readonly subject: string;
  readonly request: Req;
  readonly response: Res;
  readonly requestCheck: TypeCheck<Req>;
  readonly responseCheck: TypeCheck<Res>;
}

export function defineCommand<Req extends TSchema, Res extends TSchema>(definition: {
  subject: string;
  request: Req;
  response: Res;
}): CommandSpec<Req, Res> {
  // Render once with dummy values so a malformed template fails at definition time.
  const dummy = Object.fromEntries(templateParams(definition.subject).map((p) => [p, 'x']));
  renderSubject(definition.subject, dummy);
  return Object.freeze({
    ...definition,
    requestCheck: TypeCompiler.Compile(definition.request),
    responseCheck: TypeCompiler.Compile(definition.response),
  });
}

const ERROR_KINDS = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'timeout',
  'unavailable',
  'internal',
] as const satisfies readonly ErrorKind[];

const ReplyError = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 128 }),
  kind: Type.Union(ERROR_KINDS.map((k) => Type.Literal(k))),
  message: Type.String({ maxLength: 4096 }),
  details: Type.Optional(Type.Unknown()),
});
/** The reply envelope: every reply is one of these two shapes, never a bare payload. */
const ReplyEnvelope = Type.Union([
  Type.Object({ ok: Type.Literal(true), data: Type.Unknown() }),
  Type.Object({ ok: Type.Literal(false), error: ReplyError }),
]);
const replyCheck = TypeCompiler.Compile(ReplyEnvelope);
type ReplyError = Static<typeof ReplyError>;

export interface CommandContext {
  readonly subject: string;
}

export type CommandHandler<Req extends TSchema, Res extends TSchema> = (
  request: Static<Req>,
  context: CommandContext,
) => Promise<Static<Res>> | Static<Res>;

export interface ServeOptions {
  /** Queue group: instances of one service share the load. */
  queue?: string;
  /** Put in front of the subject (isolated test environments). */
  subjectPrefix?: string;
  /** Values for the subject's `{param}` placeholders (e.g. the media node this bridge drives). */
  params?: Readonly<Record<string, string>>;
  logger?: Logger;
}

export interface CommandServer {
  readonly subject: string;
  /** Stops taking requests and waits for the ones being handled to be answered. */
  stop(): Promise<void>;
}

function errorReply(error: unknown, subject: string, logger: Logger): ReplyError {
  if (isHotlineError(error)) {
    return error.details === undefined
      ? { code: error.code, kind: error.kind, message: error.message }
      : { code: error.code, kind: error.kind, message: error.message, details: error.details };
  }
  // Not a deliberate error: its message may carry internals, so it stays in the log.
  logger.error({ err: error, subject }, 'command handler failed');
  return { code: 'INTERNAL', kind: 'internal', message: 'internal error' };
}

export function serveCommand<Req extends TSchema, Res extends TSchema>(
  nc: NatsConnection,
  spec: CommandSpec<Req, Res>,
  handler: CommandHandler<Req, Res>,
  options: ServeOptions = {},
): CommandServer {
  const logger = options.logger ?? silentLogger;
  const subject = renderSubject(spec.subject, options.params, options.subjectPrefix);
  const inFlight = new Set<Promise<void>>();

  const reply = (msg: Msg, body: unknown): void => {
    try {
      msg.respond(encodeJson(body));
    } catch (error) {
      logger.warn({ err: error, subject }, 'could not send command reply');
    }
  };

  const handle = async (msg: Msg): Promise<void> => {
    const decoded = decodeJson(msg.data);
    if (!decoded.ok || !spec.requestCheck.Check(decoded.value)) {
      const issues = decoded.ok ? issuesOf(spec.requestCheck, decoded.value) : [decoded.issue];
      const error = new ValidationError('COMMAND_INVALID', `invalid request on ${subject}`, issues);
      reply(msg, { ok: false, error: errorReply(error, subject, logger) });
      return;
    }
    let result: Static<Res>;
    try {
      result = await handler(decoded.value, { subject });
    } catch (error) {
      reply(msg, { ok: false, error: errorReply(error, subject, logger) });
      return;
    }
    if (!spec.responseCheck.Check(result)) {
      logger.error(
        { subject, issues: issuesOf(spec.responseCheck, result) },
        'command handler returned an invalid response',
      );
      const error = new CommandResponseInvalidError(subject, 'the handler broke the response schema');
      reply(msg, { ok: false, error: errorReply(error, subject, logger) });
      return;
    }
    reply(msg, { ok: true, data: result });
  };

  const sub: Subscription = nc.subscribe(subject, {
    ...(options.queue === undefined ? {} : { queue: options.queue }),
    callback: (error, msg) => {
      if (error) {
        logger.error({ err: error, subject }, 'command subscription failed');
        return;
      }
      if (!msg.reply) {
        logger.warn({ subject }, 'command without reply subject ignored');
        return;
      }
      const task = handle(msg).catch((e: unknown) => logger.error({ err: e, subject }, 'command failed'));
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
    },
  });

  return {
    subject,
    async stop() {
      if (!sub.isClosed()) await sub.drain();
      await Promise.all(inFlight);
    },
  };
}

export interface SendOptions {
  timeoutMs: number;
  subjectPrefix?: string;
  params?: Readonly<Record<string, string>>;
}

function mapRequestError(error: unknown, subject: string, timeoutMs: number): Error {
  if (error instanceof natsErrors.TimeoutError)
    return new CommandTimeoutError(subject, timeoutMs, { cause: error });
  if (error instanceof natsErrors.RequestError && error.isNoResponders()) {
    return new NoRespondersError(subject, { cause: error });
  }
  if (error instanceof natsErrors.NoRespondersError) return new NoRespondersError(subject, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new MessagingUnavailableError(`request on ${subject} failed: ${message}`, { cause: error });
}

/**
 * Sends a command and returns the validated response; every failure is a HotlineError: invalid
 * payload (COMMAND_INVALID, nothing sent), COMMAND_TIMEOUT, NO_RESPONDERS, the remote error's own
 * code, COMMAND_RESPONSE_INVALID, NATS_UNAVAILABLE.
 */
export async function sendCommand<Req extends TSchema, Res extends TSchema>(
  nc: NatsConnection,
  spec: CommandSpec<Req, Res>,
  payload: Static<Req>,
  options: SendOptions,
): Promise<Static<Res>> {
  const subject = renderSubject(spec.subject, options.params, options.subjectPrefix);
  if (!spec.requestCheck.Check(payload)) {
    throw new ValidationError(
      'COMMAND_INVALID',
      `invalid request for ${subject}`,
      issuesOf(spec.requestCheck, payload),
    );
  }
  let msg: Msg;
  try {
    msg = await nc.request(subject, encodeJson(payload), { timeout: options.timeoutMs });
  } catch (error) {
    throw mapRequestError(error, subject, options.timeoutMs);
  }
  const decoded = decodeJson(msg.data);
  if (!decoded.ok) throw new CommandResponseInvalidError(subject, decoded.issue.message);
  const envelope = decoded.value;
  if (!replyCheck.Check(envelope)) {
    throw new CommandResponseInvalidError(subject, 'not a reply envelope', {
      issues: issuesOf(replyCheck, envelope),
    });
  }
  if (!envelope.ok) {
    const { code, kind, message, details } = envelope.error;
    throw new RemoteCommandError(subject, code, kind, message, details);
  }
  if (!spec.responseCheck.Check(envelope.data)) {
    throw new CommandResponseInvalidError(subject, 'response does not match the schema', {
      issues: issuesOf(spec.responseCheck, envelope.data),
    });
  }
  return envelope.data;
}
