import { describe, expect, it } from 'vitest';
import { findAll, parseXml } from './xml.js';

describe('parseXml', () => {
  it('parses elements, attributes, entities and comments', () => {
    const root = parseXml(
      '<?xml version="1.0"?>\n<a x="1" y=\'&lt;&#65;&#x42;\'>\n<!-- c -->t&amp;<b/><b z="2"></b></a>\n',
    );
    expect(root.name).toBe('a');
    expect(root.attributes).toEqual({ x: '1', y: '<AB' });
    expect(root.text).toContain('t&');
    expect(findAll(root, 'b').map((b) => b.attributes)).toEqual([{}, { z: '2' }]);
  });

  it.each([
    ['<a><b></a>', /closes <b>/],
    ['<a>', /never closed/],
    ['<a/><b/>', /second root/],
    ['<a x="1" x="2"/>', /duplicate attribute/],
    ['<a x=1/>', /not quoted/],
    ['<a x="1"y="2"/>', /missing space/],
    ['<a>&nbsp;</a>', /unknown entity/],
    ['<a>& b</a>', /unterminated entity/],
    ['<a x="<"/>', /'<' is not allowed/],
    ['<a><!-- a -- b --></a>', /'--' inside a comment/],
    ['<a/>\n<?xml version="1.0"?>', /must start the document/],
    ['text<a/>', /outside the root/],
    ['', /no root element/],
  ])('rejects %j', (source, message) => {
    expect(() => parseXml(source)).toThrow(message);
  });
});
