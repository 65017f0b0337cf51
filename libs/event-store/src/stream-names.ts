import { parseStreamName, type ParsedStreamName } from '@hotline/contracts';

// Writers append to the same streams again and again (a call's stream gets every event of the call):
// a valid name is parsed once. Every call brings a new name, so the memory is bounded: when full, it
// starts over. Invalid names are never kept, so they fail every time.
export const PARSED_STREAMS_MAX = 10_000;
const parsedStreams = new Map<string, ParsedStreamName>();

/** parseStreamName, remembered for valid names (frozen: every caller shares the object). */
export function parseStream(stream: string): ParsedStreamName {
  let parsed = parsedStreams.get(stream);
  if (parsed === undefined) {
    parsed = Object.freeze(parseStreamName(stream));
    if (parsedStreams.size >= PARSED_STREAMS_MAX) parsedStreams.clear();
    parsedStreams.set(stream, parsed);
  }
  return parsed;
}

/** How many parsed names are kept now (tests). */
export function rememberedStreamNames(): number {
  return parsedStreams.size;
}
