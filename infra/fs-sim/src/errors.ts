/** Errors the simulator raises on purpose: a stable code (clients switch on it) and an HTTP status. */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

export class SimError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
    this.name = 'SimError';
  }

  toJSON(): { code: string; message: string; issues?: readonly Issue[] } {
    return this.issues.length > 0
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}
