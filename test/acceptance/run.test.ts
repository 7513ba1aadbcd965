import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAcceptance } from '../../src/acceptance/run.js';
import { writeProject } from '../helpers/temp-project.js';

// Small labelled cases scanned by the real engine. Each file is plain shell or Markdown, which the
// generic extractor reads, so the outcomes do not wait on a language extractor.
const LABELS = `
- case: shell-list
  file: shell-list/list.sh
  line: 3
  family: graph-beta-iteration2
  method: GET
  path: "/privilegedAccess/aadroles/roleAssignments"
  target: roleManagement/directory/roleEligibilityScheduleInstances
  exact: false
  comment: false
- case: shell-request
  file: shell-request/request.sh
  line: 3
  family: graph-beta-iteration2
  method: POST
  path: "/privilegedAccess/aadRoles/roleAssignmentRequests"
  target: roleAssignmentScheduleRequests
  exact: true
  comment: false
  note: "no body in the code, so the engine proposes both request types: not exact"
- case: shell-missing
  file: shell-missing/run.sh
  line: 2
  family: graph-beta-iteration2
  method: GET
  path: "/privilegedAccess/aadGroups/resources"
  target: identityGovernance/privilegedAccess/group/resources
  exact: false
  comment: false
- case: docs-none
  file: docs-none/notes.md
  none: true
- case: commented
  file: commented/old.sh
  line: 2
  family: graph-beta-iteration2
  method: GET
  path: "/privilegedAccess/aadGroups/resources"
  target: identityGovernance/privilegedAccess/group/resources
  exact: false
  comment: true
`;

const FILES: Record<string, string> = {
  'expected.yaml': LABELS,
  'shell-list/list.sh': [
    '#!/bin/sh',
    '# The URL is stored for another tool, so no call here shows its method.',
    'ASSIGNMENTS_URL="https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments"',
    '',
  ].join('\n'),
  'shell-request/request.sh': [
    '#!/bin/sh',
    'curl -s -X POST -H "Content-Type: application/json" \\',
    '  "https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests" -d @request.json',
    '',
  ].join('\n'),
  // The old URL sits on line 4, not on the labelled line 2.
  'shell-missing/run.sh': ['#!/bin/sh', 'echo "listing groups"', '', 'curl -s "https://graph.microsoft.com/beta/privilegedAccess/aadGroups/resources"', ''].join('\n'),
  'docs-none/notes.md': ['# Notes', '', 'Old: https://graph.microsoft.com/beta/privilegedAccess/azureResources/resources', ''].join('\n'),
  'commented/old.sh': ['#!/bin/sh', '# curl "https://graph.microsoft.com/beta/privilegedAccess/aadGroups/resources"', ''].join('\n'),
};

describe('runAcceptance', () => {
  let project: { root: string; cleanup: () => void };
  const pendingFile = (): string => join(project.root, 'pending.yaml');

  async function run(pending: string): Promise<{ exitCode: number; output: string[] }> {
    writeFileSync(pendingFile(), pending);
    const output: string[] = [];
    const { exitCode } = await runAcceptance({ dir: project.root, pendingFile: pendingFile(), color: false, write: (line) => output.push(line) });
    return { exitCode, output };
  }

  beforeAll(() => {
    project = writeProject(FILES);
  });
  afterAll(() => project.cleanup());

  it('reports each outcome per case', async () => {
    const { exitCode, output } = await run('pending: []\n');

    expect(exitCode).toBe(1);
    expect(output).toContain('✔ shell-list  validated :3');
    expect(output).toContain('✘ shell-request  wrong replacement :3');
    expect(output).toContain('✘ shell-missing  missing :2');
    expect(output).toContain('✘ docs-none  unexpected 1');
    expect(output).toContain('✔ commented  comment (reported) :2');
  });

  it('shows the findings seen at a failing line', async () => {
    const { output } = await run('pending: []\n');
    const text = output.join('\n');

    expect(text).toMatch(/seen pim2-\S+ \[POST \/privilegedAccess\/aadRoles\/roleAssignmentRequests\] -> \S*roleEligibilityScheduleRequests\S*, \S*roleAssignmentScheduleRequests/);
    expect(text).toContain('no finding at this line (findings in the file at lines 4)');
    expect(text).toMatch(/unexpected docs-none\/notes\.md:3 pim2-\S+ \[/);
  });

  it('counts totals without comments', async () => {
    const { output } = await run('pending: []\n');

    expect(output).toContain('validated 1, missing 1, wrong replacement 1, unexpected 1, comments 1');
    expect(output).toContain('cases: 2 passed, 3 failed, 0 pending, 0 now pass');
  });

  it('warns about a method mismatch', async () => {
    const { output } = await run('pending: []\n');

    // The URL is only assigned, so the finding has no method while the label has GET.
    expect(output).toContain('    warning shell-list/list.sh:3 method null, label GET');
    // The label spells the provider "aadroles", which normalises to the finding's path.
    expect(output.join('\n')).not.toContain('shell-list/list.sh:3 path');
  });

  it('lets pending failures pass the run', async () => {
    const pending = [
      'pending:',
      '  - case: shell-request',
      '    reason: request body is in a separate file',
      '  - case: shell-missing',
      '    reason: labelled on the wrong line',
      '  - case: docs-none',
      '    reason: documentation URLs are still reported',
      '',
    ].join('\n');
    const { exitCode, output } = await run(pending);

    expect(exitCode).toBe(0);
    expect(output).toContain('○ shell-missing  missing :2  pending: labelled on the wrong line');
    expect(output).toContain('cases: 2 passed, 0 failed, 3 pending, 0 now pass');
    expect(output.at(-1)).toBe('acceptance: passed');
  });

  it('fails when a pending case now passes', async () => {
    const pending = [
      'pending:',
      '  - case: shell-request',
      '    reason: request body is in a separate file',
      '  - case: shell-missing',
      '    reason: labelled on the wrong line',
      '  - case: docs-none',
      '    reason: documentation URLs are still reported',
      '  - case: shell-list',
      '    reason: fixed since',
      '',
    ].join('\n');
    const { exitCode, output } = await run(pending);

    expect(exitCode).toBe(1);
    expect(output).toContain('! shell-list  validated :3  now passes: remove it from the pending list');
    expect(output.at(-1)).toBe('acceptance: FAILED');
  });

  it('fails on a pending entry for an unknown case', async () => {
    const { exitCode, output } = await run('pending:\n  - case: shell-list\n    reason: x\n  - case: renamed-case\n    reason: gone\n');

    expect(exitCode).toBe(1);
    expect(output.join('\n')).toContain('renamed-case  pending entry names no case in the labels: remove it from the pending list (line 4)');
  });

  it('skips a missing cases folder', async () => {
    const output: string[] = [];
    const missing = join(project.root, 'no-such-folder');
    const { exitCode } = await runAcceptance({ dir: missing, pendingFile: pendingFile(), color: false, write: (line) => output.push(line) });

    expect(exitCode).toBe(0);
    expect(output).toEqual([`acceptance: no cases at ${missing}, skipped`]);
  });
});
