import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { codeSpan, escapeMarkdown } from '../../src/report/markdown-escape.js';
import { markdownReporter } from '../../src/report/markdown.js';
import { MINUTES_BY_FIX, MINUTES_IN_COMMENT, CONFIDENCE_FACTOR } from '../../src/report/plan.js';
import { loadRuleTable } from '../../src/rules/load.js';
import { makeFinding, makeResult } from './sample-result.js';

const ctx = { toolVersion: '0.0.0-test', color: false };
const rules = loadRuleTable();
/** CommonMark with tables and raw HTML on, so any HTML that escaping lets through shows up in the output. */
const markdown = new MarkdownIt({ html: true, linkify: false });

const HOSTILE = '<script>alert(1)</script> <img src=x onerror=window.__pwned=1> ](javascript:alert(1)) ``tick`` a|b *em* _u_ #1 @team\nsecond line';

describe('markdown report', () => {
  it('renders totals, scopes, estimate and checklist', () => {
    const findings = [
      makeFinding(),
      makeFinding({ file: 'src/other.ts', line: 9, ruleId: 'pim2-resources-list', title: 'List resources (iteration 2)', provider: 'azureResources', fix: 'manual', confidence: 'medium', permissions: { from: ['PrivilegedAccess.ReadWrite.AzureResources'], to: ['ARM scope'] } }),
      makeFinding({ file: 'src/pim.ts', line: 5, inComment: true }),
    ];
    const text = markdownReporter.render(makeResult('/repo', findings), ctx);

    expect(text).toMatch(/^# PIM API migration plan\n/);
    expect(text).toContain('found 3 uses of the retired PIM iteration 1 and iteration 2 APIs in 2 files (1 in comments or documentation)');
    expect(text).toContain('| Microsoft Entra roles \\(aadRoles\\) | 2 |');
    expect(text).toContain('| Azure resources \\(azureResources\\) | 1 |');
    expect(text).toContain('| `pim2-role-assignment-requests-create` | Create a role assignment request \\(iteration 2\\) | suggestion | 2 |');
    expect(text).toContain('| `pim2-resources-list` | List resources \\(iteration 2\\) | manual | 1 |');
    expect(text).toContain('- Request: `RoleEligibilitySchedule.ReadWrite.Directory`');
    expect(text).toContain('- Retire: `PrivilegedAccess.ReadWrite.AzureAD`');
    expect(text).toContain('- Retire: `PrivilegedAccess.ReadWrite.AzureResources`');
    expect(text).toContain(
      '- [ ] line 2: `POST /privilegedAccess/{providerId}/roleAssignmentRequests` -> `POST https://graph.microsoft.com/v1.0/roleManagement/directory/roleEligibilityScheduleRequests` (when assignmentState is Eligible)',
    );
    expect(text.indexOf('### `src/other.ts`')).toBeLessThan(text.indexOf('### `src/pim.ts`'));
    expect(text).toContain('  - Check by hand: the schedule must be sent again on renewal.');
  });

  it('states the effort assumptions and sums them', () => {
    const findings = [makeFinding({ fix: 'suggestion', confidence: 'high' }), makeFinding({ line: 3, fix: 'manual', confidence: 'low' }), makeFinding({ line: 4, inComment: true })];
    const text = markdownReporter.render(makeResult('/repo', findings), ctx);
    const minutes = MINUTES_BY_FIX.suggestion + MINUTES_BY_FIX.manual * CONFIDENCE_FACTOR.low + MINUTES_IN_COMMENT;

    expect(text).toContain('## Effort estimate');
    expect(text).toContain('This is an estimate, not a measurement');
    expect(text).toContain(`(${minutes} minutes)`);
    expect(text).toContain(`takes ${MINUTES_BY_FIX.safe} minutes for fix tier safe`);
    expect(text).toContain(`| manual | low | 1 | ${MINUTES_BY_FIX.manual * CONFIDENCE_FACTOR.low} |`);
  });

  it('adds body mapping from the rule table', () => {
    const text = markdownReporter.render(makeResult('/repo', [makeFinding()]), { ...ctx, rules });

    expect(text).toContain('  - Body: `subjectId` -> `principalId`, `reason` -> `justification`');
    expect(text).toContain('## Request body mapping');
    expect(text).toContain('| `resourceId` | `directoryScopeId` | Use / for the whole tenant; the old value was the tenant id. |');
  });

  it('omits body mapping without rules', () => {
    const text = markdownReporter.render(makeResult('/repo', [makeFinding()]), ctx);
    expect(text).not.toContain('Body:');
    expect(text).not.toContain('## Request body mapping');
  });

  it('lists suppressed and skipped apart', () => {
    const suppressed = makeFinding({ line: 7, suppression: { kind: 'inSource', justification: 'migrated in PR 12', line: 6 } });
    const text = markdownReporter.render(makeResult('/repo', [makeFinding(), suppressed], [{ file: 'big.bin', reason: 'larger than --max-file-size (9 > 5 bytes)' }]), ctx);

    expect(text).toContain('found 1 use of');
    expect(text).toContain('1 more finding is suppressed.');
    expect(text).toContain('| `src/pim.ts` | 7 | `pim2-role-assignment-requests-create` | comment on line 6 | `migrated in PR 12` |');
    expect(text).not.toContain('line 7:');
    expect(text).toContain('| `big.bin` | larger than --max-file-size \\(9 \\> 5 bytes\\) |');
  });

  it('reports a clean scan', () => {
    const text = markdownReporter.render(makeResult('/repo', []), ctx);
    expect(text).toContain('found no call to the retired PIM iteration 1 or iteration 2 APIs.');
    expect(text).not.toContain('## Checklist');
  });

  it('keeps hostile text inert', () => {
    const hostile = makeFinding({
      file: `src/${HOSTILE}.ts`,
      ruleId: `rule|${HOSTILE}`,
      title: HOSTILE,
      notes: [`Unconfirmed: ${HOSTILE}`],
      suppression: undefined,
    });
    const suppressed = makeFinding({ file: `${HOSTILE}.ts`, suppression: { kind: 'external', justification: HOSTILE } });
    const text = markdownReporter.render(makeResult('/repo', [hostile, suppressed], [{ file: `${HOSTILE}.bin`, reason: HOSTILE }]), { ...ctx, rules });
    const html = markdown.render(text);

    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).not.toContain('<em>');
    // The only bold text is the estimate's total, never scanned text.
    expect(html.match(/<strong>/g)).toHaveLength(1);
    // Each table keeps its column count: a pipe in a cell never splits it.
    for (const table of html.split('<table>').slice(1)) {
      const header = (table.split('</thead>')[0]!.match(/<th[ >]/g) ?? []).length;
      for (const row of table.split('<tbody>')[1]!.split('</tbody>')[0]!.split('</tr>').slice(0, -1)) {
        expect((row.match(/<td[ >]/g) ?? []).length).toBe(header);
      }
    }
    // The hostile file name shows as one code span with its text intact.
    expect(html).toContain(`<code>src/${HOSTILE.replace('\n', ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}.ts</code>`);
  });
});

describe('markdown escaping', () => {
  it('code span outlasts backtick runs', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('``x``')).toBe('``` ``x`` ```');
    expect(codeSpan('`')).toBe('`` ` ``');
    expect(markdown.renderInline(codeSpan('a ``` b `'))).toBe('<code>a ``` b `</code>');
  });

  it('code span escapes pipes in tables', () => {
    expect(codeSpan('a|b', true)).toBe('`a\\|b`');
    expect(codeSpan('a|b')).toBe('`a|b`');
  });

  it('code span flattens newlines', () => {
    expect(codeSpan('a\nb\r\nc')).toBe('`a b c`');
  });

  it('text escape renders the same characters', () => {
    const raw = 'a*b_c [x](y) <z> !w #1 @me ~s~ & \\ | `q`';
    expect(markdown.renderInline(escapeMarkdown(raw))).toBe(raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });
});
