import { describe, expect, it } from 'vitest';
import { loadLabels } from '../../src/acceptance/expected.js';
import { AcceptanceInputError } from '../../src/acceptance/input-error.js';
import { loadPending } from '../../src/acceptance/pending.js';
import { writeProject } from '../helpers/temp-project.js';

const VALID_USE = [
  '- case: one',
  '  file: one/a.sh',
  '  line: 2',
  '  family: graph-beta-iteration2',
  '  method: null',
  '  path: /privilegedAccess/aadRoles/roleAssignments',
  '  target: roleEligibilityScheduleInstances',
  '  exact: false',
  '  comment: false',
];

function inputErrorOf(action: () => unknown): AcceptanceInputError {
  try {
    action();
  } catch (error) {
    if (error instanceof AcceptanceInputError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an AcceptanceInputError');
}

function withProject<T>(files: Record<string, string>, action: (root: string) => T): T {
  const project = writeProject(files);
  try {
    return action(project.root);
  } finally {
    project.cleanup();
  }
}

describe('loadLabels', () => {
  it('loads use and none entries', () => {
    const text = [...VALID_USE, '- case: two', '  file: two/b.md', '  none: true', ''].join('\n');
    const labels = withProject({ 'expected.yaml': text, 'one/a.sh': '', 'two/b.md': '' }, (root) => loadLabels(root));

    expect(labels).toHaveLength(2);
    expect(labels[0]).toMatchObject({ case: 'one', method: null, entryLine: 1 });
    expect(labels[1]).toMatchObject({ case: 'two', none: true, entryLine: 10 });
  });

  it('names the line of an unknown key', () => {
    const text = [...VALID_USE, '  taget: x', ''].join('\n');
    const error = withProject({ 'expected.yaml': text, 'one/a.sh': '' }, (root) => inputErrorOf(() => loadLabels(root)));

    expect(error.message).toMatch(/expected\.yaml:10:\d+: unknown key "taget"/);
    expect(error.help).toContain('header comment');
  });

  it('names the field of an invalid value', () => {
    const text = VALID_USE.map((line) => (line.startsWith('  line:') ? '  line: two' : line)).join('\n');
    const error = withProject({ 'expected.yaml': text, 'one/a.sh': '' }, (root) => inputErrorOf(() => loadLabels(root)));

    expect(error.message).toMatch(/expected\.yaml:3:\d+: .* at "0\.line"/);
  });

  it('rejects none: false', () => {
    const text = ['- case: two', '  file: two/b.md', '  none: false', ''].join('\n');
    const error = withProject({ 'expected.yaml': text, 'two/b.md': '' }, (root) => inputErrorOf(() => loadLabels(root)));

    expect(error.message).toMatch(/expected\.yaml:3:\d+: .* at "0\.none"/);
  });

  it('rejects a labelled file that does not exist', () => {
    const text = [...VALID_USE, ''].join('\n');
    const error = withProject({ 'expected.yaml': text }, (root) => inputErrorOf(() => loadLabels(root)));

    expect(error.message).toMatch(/expected\.yaml:1: file not found in the cases folder: one\/a\.sh$/);
  });

  it('rejects a path leaving the folder', () => {
    const text = VALID_USE.map((line) => (line.startsWith('  file:') ? '  file: ../a.sh' : line)).join('\n');
    const error = withProject({ 'expected.yaml': text }, (root) => inputErrorOf(() => loadLabels(root)));

    expect(error.message).toMatch(/expected\.yaml:2:\d+: a file is relative to the cases folder/);
  });

  it('reports a missing labels file', () => {
    const error = withProject({ 'one/a.sh': '' }, (root) => inputErrorOf(() => loadLabels(root)));

    expect(error.message).toMatch(/^labels file not found: /);
  });
});

describe('loadPending', () => {
  it('loads an empty list', () => {
    const pending = withProject({ 'pending.yaml': 'pending: []\n' }, (root) => loadPending(`${root}/pending.yaml`));

    expect(pending.size).toBe(0);
  });

  it('loads entries with their lines', () => {
    const text = ['pending:', '  - case: one', '    reason: body not read', '  - { case: two, reason: "cmdlets" }', ''].join('\n');
    const pending = withProject({ 'pending.yaml': text }, (root) => loadPending(`${root}/pending.yaml`));

    expect(pending.get('one')).toEqual({ reason: 'body not read', line: 2 });
    expect(pending.get('two')).toEqual({ reason: 'cmdlets', line: 4 });
  });

  it('rejects an entry without a reason', () => {
    const text = ['pending:', '  - case: one', ''].join('\n');
    const error = withProject({ 'pending.yaml': text }, (root) => inputErrorOf(() => loadPending(`${root}/pending.yaml`)));

    expect(error.message).toMatch(/pending\.yaml:2:\d+: .* at "pending\.0\.reason"/);
  });

  it('rejects an unknown key', () => {
    const text = ['pending:', '  - case: one', '    reason: r', '    owner: me', ''].join('\n');
    const error = withProject({ 'pending.yaml': text }, (root) => inputErrorOf(() => loadPending(`${root}/pending.yaml`)));

    expect(error.message).toMatch(/pending\.yaml:4:\d+: unknown key "owner"/);
  });

  it('rejects a case listed twice', () => {
    const text = ['pending:', '  - { case: one, reason: a }', '  - { case: one, reason: b }', ''].join('\n');
    const error = withProject({ 'pending.yaml': text }, (root) => inputErrorOf(() => loadPending(`${root}/pending.yaml`)));

    expect(error.message).toMatch(/pending\.yaml:3:\d+: case "one" is listed twice/);
  });

  it('reports a missing file', () => {
    const error = withProject({}, (root) => inputErrorOf(() => loadPending(`${root}/pending.yaml`)));

    expect(error.message).toMatch(/^pending file not found: /);
  });
});
