import { HotlineError } from '@hotline/contracts';

/** Something the launcher needs is missing; the message says what and how to fix it. */
export class LauncherError extends HotlineError {
  constructor(code: string, message: string, cause?: unknown) {
    super(code, 'unavailable', message, cause === undefined ? {} : { cause });
  }
}
