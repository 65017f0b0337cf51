/**
 * Agent endpoints (the user directory plus registrations): whether `user/<ext>` exists, is registered,
 * and how the phone behind it behaves when a leg rings it.
 */
export type RingBehaviour =
  /** Rings, then answers after `afterMs`. */
  | { readonly mode: 'answer'; readonly afterMs: number }
  /** Rings until the caller gives up (originate/call timeout → NO_ANSWER). */
  | { readonly mode: 'no-answer' }
  /** 486 Busy Here after `afterMs` → USER_BUSY. */
  | { readonly mode: 'busy'; readonly afterMs: number }
  /** Rings, then 603 Decline after `afterMs` → CALL_REJECTED. */
  | { readonly mode: 'reject'; readonly afterMs: number };

export interface EndpointSpec {
  readonly ext: string;
  readonly registered: boolean;
  readonly behaviour: RingBehaviour;
  /** Once bridged, the agent hangs up after this long (undefined: waits for the caller). */
  readonly talkMs?: number;
  /** SIP contact host:port the registration points at. */
  readonly contact: string;
  readonly displayName?: string;
  /** A phone already on a call answers a second one with busy (no call waiting). */
  readonly busyWhenInUse: boolean;
}

export class Directory {
  private readonly endpoints = new Map<string, EndpointSpec>();
  private readonly inUse = new Map<string, number>();
  readonly domain: string;

  constructor(domain: string) {
    this.domain = domain;
  }

  upsert(spec: EndpointSpec): EndpointSpec {
    this.endpoints.set(spec.ext, spec);
    return spec;
  }

  update(ext: string, patch: Partial<Omit<EndpointSpec, 'ext'>>): EndpointSpec | undefined {
    const current = this.endpoints.get(ext);
    if (!current) return undefined;
    return this.upsert({ ...current, ...patch });
  }

  remove(ext: string): boolean {
    return this.endpoints.delete(ext);
  }

  get(ext: string): EndpointSpec | undefined {
    return this.endpoints.get(ext);
  }

  list(): EndpointSpec[] {
    return [...this.endpoints.values()];
  }

  /** Finds the endpoint a sofia/<profile>/<user>@<host> URI reaches, by user or by contact. */
  byContact(user: string, host: string): EndpointSpec | undefined {
    return this.endpoints.get(user) ?? this.list().find((e) => e.contact === host);
  }

  callsOn(ext: string): number {
    return this.inUse.get(ext) ?? 0;
  }

  claim(ext: string): void {
    this.inUse.set(ext, this.callsOn(ext) + 1);
  }

  release(ext: string): void {
    const n = this.callsOn(ext) - 1;
    if (n > 0) this.inUse.set(ext, n);
    else this.inUse.delete(ext);
  }

  clearCalls(): void {
    this.inUse.clear();
  }
}

export function defaultEndpoint(ext: string, index = 0): EndpointSpec {
  return {
    ext,
    registered: true,
    behaviour: { mode: 'answer', afterMs: 2000 },
    contact: `127.0.0.1:${5100 + index}`,
    busyWhenInUse: true,
  };
}
