import { describe, expect, it } from 'vitest';
import { loadRuleTable } from '../../src/rules/load.js';
import { redactPath, redactQuery } from '../../src/runtime/redact.js';
import { firstAppFrame } from '../../src/runtime/stack-frame.js';
import { BUILTIN_URL_SIGNATURES, UrlPrefilter, urlSignaturesOf } from '../../src/runtime/url-prefilter.js';

describe('url prefilter', () => {
  it('lists every built-in path root', () => {
    expect([...BUILTIN_URL_SIGNATURES].sort()).toEqual(urlSignaturesOf(loadRuleTable().rules).sort());
  });

  it('ignores case and passes unrelated URLs', () => {
    const prefilter = new UrlPrefilter(BUILTIN_URL_SIGNATURES);
    expect(prefilter.matches('https://graph.microsoft.com/beta/PRIVILEGEDACCESS/aadRoles/roleDefinitions')).toBe(true);
    expect(prefilter.matches('https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignmentSchedules')).toBe(false);
  });
});

describe('redaction', () => {
  it('replaces ids and keeps names', () => {
    expect(redactPath('/beta/privilegedAccess/aadRoles/resources/62e90394-69f5-4237-9190-012177145e10/parent')).toBe('/beta/privilegedAccess/aadRoles/resources/{id}/parent');
    expect(redactPath('/v1.0/roleDefinitions(\'abc\')/x123')).toBe('/v1.0/roleDefinitions({id})/{id}');
    expect(redactPath('/api/v2/privilegedAccess/$count')).toBe('/api/v2/privilegedAccess/$count');
  });

  it('keeps query names only', () => {
    expect(redactQuery("$filter=subjectId eq 'x'&$top=5&flag")).toBe('$filter={value}&$top={value}&flag');
  });
});

describe('stack frame', () => {
  it('skips node_modules and Node frames', () => {
    const stack = [
      'Error',
      '    at captureAppFrame (file:///app/node_modules/pim-migrate/dist/runtime/stack-frame.js:30:17)',
      '    at step (/app/node_modules/tslib/tslib.js:195:27)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '    at async listRoles (file:///app/src/roles.ts:12:5)',
    ].join('\n');
    expect(firstAppFrame(stack)).toEqual({ file: '/app/src/roles.ts', line: 12, column: 5 });
  });

  it('returns null without an application frame', () => {
    expect(firstAppFrame('Error\n    at node:internal/x:1:1\n    at <anonymous>')).toBeNull();
  });
});
