// drachtio-modesl 1.3.1 ships no types: only the surface src/esl/ uses is declared here.
declare module 'drachtio-modesl' {
  interface EslEvent {
    getHeader(name: string): string | undefined;
    getBody(): string;
  }
  type Listener = (
    event: EslEvent,
    headers: Record<string, unknown> | undefined,
    body: string | undefined,
  ) => void;
  class Connection {
    constructor(host: string, port: number, password: string, ready: () => void);
    reconnectOpts: { maxAttempts?: number; retryMaxDelay?: number | null };
    socket: { destroy(): void; write(data: string): boolean; setNoDelay(on: boolean): unknown } | null;
    send(command: string, args?: Record<string, string>): void;
    on(name: string, listener: Listener): this;
    on(name: 'error', listener: (err: unknown) => void): this;
    once(name: string, listener: Listener): this;
    removeAllListeners(): this;
    disconnect(): void;
  }
  const modesl: { Connection: typeof Connection };
  export { Connection };
  export default modesl;
}

declare module 'drachtio-modesl/lib/esl/Parser.js' {
  interface ParserPrototype {
    _parseHeaderText(text: string): Record<string, string | number>;
    _parseEvent: (this: ParserPrototype, headers: Record<string, string | number>, body?: string) => void;
    emit(name: string, ...args: unknown[]): boolean;
  }
  const Parser: { prototype: ParserPrototype };
  export default Parser;
}
