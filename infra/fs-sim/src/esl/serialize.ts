import { headerText, type EslEvent } from './event.js';
import { fsUrlEncode } from './url-encode.js';

/** switch_event_serialize(event, encode = true): the body of a text/event-plain frame. */
export function serializePlain(event: EslEvent): string {
  let out = '';
  for (const [name, value] of event.headers) {
    const encoded = fsUrlEncode(headerText(value));
    out += `${name}: ${encoded === '' ? '_undef_' : encoded}\n`;
  }
  if (event.body !== undefined && event.body !== '') {
    out += `Content-Length: ${Buffer.byteLength(event.body)}\n\n${event.body}`;
  } else {
    out += '\n';
  }
  return out;
}

/**
 * switch_event_serialize_json: cJSON_PrintUnformatted of an object that keeps duplicate names and
 * renders multi-value headers as arrays; the body goes in "_body" after a string "Content-Length".
 */
export function serializeJson(event: EslEvent): string {
  const parts = event.headers.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`);
  if (event.body !== undefined) {
    parts.push(`"Content-Length":${JSON.stringify(String(Buffer.byteLength(event.body)))}`);
    parts.push(`"_body":${JSON.stringify(event.body)}`);
  }
  return `{${parts.join(',')}}`;
}

function ampEncode(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' })[c] ?? c);
}

/** switch_event_xmlize + switch_xml_toxml: two-space indent, url-encoded header values. */
export function serializeXml(event: EslEvent): string {
  let out = '<event>\n  <headers>\n';
  for (const [name, value] of event.headers) {
    const values = typeof value === 'string' ? [value] : value;
    for (const v of values) out += `    <${name}>${ampEncode(fsUrlEncode(v))}</${name}>\n`;
  }
  out += '  </headers>\n';
  if (event.body !== undefined && event.body !== '') {
    out += `  <Content-Length>${Buffer.byteLength(event.body)}</Content-Length>\n`;
    out += `  <body>${ampEncode(event.body)}</body>\n`;
  }
  return out + '</event>\n';
}

export type EventFormat = 'plain' | 'json' | 'xml';

export function serializeEvent(event: EslEvent, format: EventFormat): string {
  switch (format) {
    case 'plain':
      return serializePlain(event);
    case 'json':
      return serializeJson(event);
    case 'xml':
      return serializeXml(event);
  }
}
