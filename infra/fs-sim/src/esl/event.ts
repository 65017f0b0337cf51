/** An event as FreeSWITCH holds it: ordered headers (duplicates allowed), optional body. */
export type HeaderValue = string | readonly string[];
export type Header = readonly [name: string, value: HeaderValue];

export interface EslEvent {
  readonly name: string;
  readonly subclass?: string;
  readonly headers: readonly Header[];
  /** undefined = no body; '' = an empty body (JSON still reports Content-Length "0"). */
  readonly body?: string;
}

/** How a multi-value header reads as one string (switch_event_add_header with SWITCH_STACK_PUSH). */
export function headerText(value: HeaderValue): string {
  return typeof value === 'string' ? value : 'ARRAY::' + value.join('|:');
}

/** switch_event_get_header: first header with that name, case-insensitive. */
export function getHeader(event: EslEvent, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [n, v] of event.headers) {
    if (n.toLowerCase() === lower) return headerText(v);
  }
  return undefined;
}
