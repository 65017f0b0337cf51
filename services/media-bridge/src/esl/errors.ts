import { HotlineError } from '@hotline/contracts';

/** No reply, result or completion within the request's timeout (the connection is reset). */
export class EslTimeoutError extends HotlineError {
  constructor(what: string, timeoutMs: number) {
    super('ESL_TIMEOUT', 'timeout', `${what}: no answer from FreeSWITCH within ${timeoutMs} ms`);
  }
}

/** The ESL connection is down or went down while the request was waiting. */
export class EslUnavailableError extends HotlineError {
  constructor(message: string) {
    super('MEDIA_NODE_UNAVAILABLE', 'unavailable', message);
  }
}

/** FreeSWITCH answered `-ERR …` (e.g. `invalid session id`). */
export class EslCommandError extends HotlineError {
  readonly reply: string;
  constructor(command: string, reply: string) {
    super('ESL_COMMAND_FAILED', 'conflict', `${command}: ${reply}`, { details: { reply } });
    this.reply = reply;
  }
}

/** A command or header carrying a line break would inject extra ESL headers or commands. */
export class EslInjectionError extends HotlineError {
  constructor(field: string) {
    super('ESL_ARGUMENT_INVALID', 'invalid', `${field} contains a line break`, { details: { field } });
  }
}
