import { describe, expect, it } from 'vitest';
import { urlsInRanges, type TextUrlOptions } from '../../../src/extract/common/text-urls.js';

const OPTIONS: TextUrlOptions = { language: 'markdown', signatures: ['privilegedaccess', 'roleassignmentrequests'], inComment: true, confidence: 'low' };

describe('urlsInRanges', () => {
  it('reads each URL once with its verb', () => {
    const text = 'See POST https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests now.\nAlso /privilegedAccess/azureResources/resources and privilegedAccess alone.\n';
    const sites = urlsInRanges(text, [[0, text.length]], OPTIONS);
    expect(sites).toHaveLength(2);
    expect(sites[0]!.url).toEqual([{ kind: 'literal', text: 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests', offset: 9 }]);
    expect(sites[0]!.method).toBe('POST');
    expect(sites[0]!.anchor).toEqual({ offset: 9, length: 81 });
    expect(sites[1]!.url).toEqual([{ kind: 'literal', text: '/privilegedAccess/azureResources/resources', offset: text.indexOf('/privilegedAccess/azure') }]);
    expect(sites[1]!.method).toBeNull();
    expect(sites[1]!.inComment).toBe(true);
    expect(sites[1]!.confidence).toBe('low');
  });

  it('finds a signature that crosses the range end', () => {
    const text = 'POST https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests\n';
    const end = text.indexOf('privilegedAccess') + 5;
    const sites = urlsInRanges(text, [[0, end]], OPTIONS);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.anchor).toEqual({ offset: 5, length: end - 5 });
    expect(sites[0]!.method).toBe('POST');
  });

  it('searches many ranges of one file', () => {
    const line = 'x /privilegedAccess/a y\n';
    const text = line.repeat(3);
    const sites = urlsInRanges(text, [[0, 10], [24, 30], [48, 72]], OPTIONS);
    expect(sites.map((site) => site.anchor)).toEqual([
      { offset: 2, length: 8 },
      { offset: 26, length: 4 },
      { offset: 50, length: 19 },
    ]);
  });

  it('skips empty and reversed ranges', () => {
    const text = 'x /privilegedAccess/a y\n';
    expect(urlsInRanges(text, [[5, 5], [10, 2]], OPTIONS)).toEqual([]);
  });

  it('reads a new text of the same length', () => {
    const first = 'a /privilegedAccess/one\n';
    const second = 'b /privilegedaccess/two\n';
    expect(first.length).toBe(second.length);
    expect(urlsInRanges(first, [[0, first.length]], OPTIONS)[0]!.url).toEqual([{ kind: 'literal', text: '/privilegedAccess/one', offset: 2 }]);
    expect(urlsInRanges(second, [[0, second.length]], OPTIONS)[0]!.url).toEqual([{ kind: 'literal', text: '/privilegedaccess/two', offset: 2 }]);
    expect(urlsInRanges('no url here\n', [[0, 12]], OPTIONS)).toEqual([]);
  });
});
