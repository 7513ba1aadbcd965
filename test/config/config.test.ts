import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findConfigFile } from '../../src/config/find.js';
import { loadConfigFile } from '../../src/config/load.js';
import { writeProject } from '../helpers/temp-project.js';
import { runInProcess } from '../cli/run-in-process.js';

const SETTINGS_CALL = "export const f = (client: any) => client.api('/privilegedAccess/aadRoles/roleSettings').version('beta').get();\n";
const RESOURCES_CALL = "export const g = (client: any) => client.api('/privilegedAccess/aadGroups/resources').version('beta').get();\n";

const cleanups: Array<() => void> = [];
function project(files: Record<string, string>): string {
  const { root, cleanup } = writeProject(files);
  cleanups.push(cleanup);
  return root;
}
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

describe('findConfigFile', () => {
  it('finds the nearest file above the start folder', () => {
    const root = project({ 'pim-migrate.config.yaml': 'failOn: none\n', 'a/b/pim-migrate.config.yml': 'failOn: high\n', 'a/b/c/x.ts': '' });
    expect(findConfigFile(join(root, 'a/b/c'))).toBe(join(root, 'a/b/pim-migrate.config.yml'));
    expect(findConfigFile(join(root, 'a'))).toBe(join(root, 'pim-migrate.config.yaml'));
  });

  it('rejects both names in one folder', () => {
    const root = project({ 'pim-migrate.config.yaml': '', 'pim-migrate.config.yml': '' });
    expect(() => findConfigFile(root)).toThrow(/two config files in/);
  });
});

describe('loadConfigFile', () => {
  it('parses every key', () => {
    const root = project({
      'c.yaml': [
        'include: ["src/**"]',
        'exclude: vendor/',
        'rules:',
        '  pim2-role-settings-list: off',
        '  pim2-resources-list: { severity: error }',
        'severity:',
        '  fix: { manual: note }',
        'outputs:',
        '  - { format: json, output: out/report.json }',
        'failOn: high',
        'maxFileSize: 1MB',
        'ruleFiles: [my-rules.yaml]',
        '',
      ].join('\n'),
    });
    const { config } = loadConfigFile(join(root, 'c.yaml'));
    expect(config).toEqual({
      include: ['src/**'],
      exclude: ['vendor/'],
      rules: { 'pim2-role-settings-list': 'off', 'pim2-resources-list': { severity: 'error' } },
      severity: { fix: { manual: 'note' } },
      outputs: [{ format: 'json', output: 'out/report.json' }],
      failOn: 'high',
      maxFileSize: 1024 * 1024,
      ruleFiles: ['my-rules.yaml'],
    });
  });

  it('names file, line and key of an unknown key', () => {
    const root = project({ 'c.yaml': 'failOn: none\nexlude: [a]\n' });
    expect(() => loadConfigFile(join(root, 'c.yaml'))).toThrow(/c\.yaml:2:1: unknown key "exlude"/);
  });

  it('names the line of an invalid value', () => {
    const root = project({ 'c.yaml': 'failOn: none\nmaxFileSize: huge\n' });
    expect(() => loadConfigFile(join(root, 'c.yaml'))).toThrow(/c\.yaml:2:\d+: invalid size.* at "maxFileSize"/);
  });

  it('rejects a YAML tag', () => {
    const root = project({ 'c.yaml': 'failOn: !!js/function "x"\n' });
    expect(() => loadConfigFile(join(root, 'c.yaml'))).toThrow(/c\.yaml:1:\d+: invalid YAML/);
  });

  it('rejects outputs beside format', () => {
    const root = project({ 'c.yaml': 'format: json\noutputs: [{ format: text }]\n' });
    expect(() => loadConfigFile(join(root, 'c.yaml'))).toThrow(/use either "outputs" or "format"\/"output"/);
  });
});

describe('scan with a config file', () => {
  it('turns a rule off and sets a severity', async () => {
    const root = project({
      'pim-migrate.config.yaml': 'rules:\n  pim2-role-settings-list: off\n  pim2-resources-list: { severity: error }\n',
      'src/a.ts': SETTINGS_CALL + RESOURCES_CALL,
    });
    const { code, stdout } = await runInProcess(['scan', root, '--format', 'json']);
    const findings = JSON.parse(stdout).findings as Array<{ ruleId: string; severity: string }>;
    expect(code).toBe(1);
    expect(findings.map((finding) => finding.ruleId)).toEqual(['pim2-resources-list']);
    expect(findings[0]?.severity).toBe('error');
  });

  it('reports an unknown rule id at its line with exit 2', async () => {
    const root = project({ 'pim-migrate.config.yaml': 'failOn: none\nrules:\n  pim2-role-settings-lst: off\n', 'src/a.ts': SETTINGS_CALL });
    const { code, stderr, calls } = await runInProcess(['scan', root]);
    expect(code).toBe(2);
    expect(calls).toHaveLength(0);
    expect(stderr).toMatch(/pim-migrate\.config\.yaml:3:\d+: unknown rule id "pim2-role-settings-lst" \(closest: pim2-role-settings-list/);
    expect(stderr).toContain('at "rules.pim2-role-settings-lst"');
  });

  it('finds the config above the scan root', async () => {
    const root = project({ 'pim-migrate.config.yaml': 'failOn: none\n', 'repo/src/a.ts': SETTINGS_CALL });
    expect((await runInProcess(['scan', join(root, 'repo')])).code).toBe(0);
  });

  it('lets flags override the file', async () => {
    const root = project({ 'pim-migrate.config.yaml': 'failOn: none\ninclude: [nothing/**]\nmaxFileSize: 10\n', 'src/a.ts': SETTINGS_CALL });
    const { code, calls } = await runInProcess(['scan', root, '--fail-on', 'low', '--include', 'src/**', '--max-file-size', '1MB']);
    expect(code).toBe(1);
    expect(calls[0]).toMatchObject({ include: ['src/**'], maxFileSize: 1024 * 1024 });
  });

  it('uses --config instead of the found file', async () => {
    const root = project({ 'pim-migrate.config.yaml': 'failOn: none\n', 'strict.yaml': 'failOn: low\n', 'src/a.ts': SETTINGS_CALL });
    expect((await runInProcess(['scan', root, '--config', join(root, 'strict.yaml')])).code).toBe(1);
  });

  it('names a missing --config file', async () => {
    const { code, stderr } = await runInProcess(['scan', '--config', '/no/such/pim.yaml']);
    expect(code).toBe(2);
    expect(stderr).toContain('error: config file not found: /no/such/pim.yaml');
  });

  it('writes outputs relative to the config file', async () => {
    const root = project({ 'pim-migrate.config.yaml': 'failOn: none\nformat: json\noutput: report.json\n', 'src/a.ts': SETTINGS_CALL });
    const { stdout } = await runInProcess(['scan', join(root, 'src')]);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')).findings).toHaveLength(1);
  });

  it('loads user rule files without tests', async () => {
    const userRule = [
      'rules:',
      '  - id: pim2-my-team-wrapper',
      '    title: Team wrapper of the role settings list',
      '    iteration: 2',
      '    operation:',
      '      methods: [GET]',
      "      paths: ['/privilegedAccess/{providerId}/myTeamSettings']",
      '    providers: {}',
      '    fix: manual',
      '    retired: 2026-10-28',
      '    docs: https://example.com/pim',
      '',
    ].join('\n');
    const root = project({
      'pim-migrate.config.yaml': 'ruleFiles: [rules/team.yaml]\n',
      'rules/team.yaml': userRule,
      'src/a.ts': "export const f = (client: any) => client.api('/privilegedAccess/aadRoles/myTeamSettings').version('beta').get();\n",
    });
    const { code, stdout } = await runInProcess(['scan', join(root, 'src'), '--format', 'json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(['pim2-my-team-wrapper']);
  });

  it('rejects a user cmdlet of no module family', async () => {
    const userRule = [
      'rules:',
      '  - id: pim2-team-cmdlet',
      '    title: Team cmdlet',
      '    iteration: 2',
      '    operation:',
      '      methods: [GET]',
      "      paths: ['/privilegedAccess/{providerId}/teamThings']",
      '      cmdlets: [Get-TeamThing]',
      '    providers: {}',
      '    fix: manual',
      '    retired: 2026-10-28',
      '    docs: https://example.com/pim',
      '',
    ].join('\n');
    const root = project({ 'pim-migrate.config.yaml': 'ruleFiles: [team.yaml]\n', 'team.yaml': userRule, 'src/a.ts': SETTINGS_CALL });

    const { code, stderr } = await runInProcess(['scan', join(root, 'src')]);

    expect(code).toBe(2);
    expect(stderr).toMatch(/team\.yaml:8:17: cmdlet Get-TeamThing of rule pim2-team-cmdlet matches no module family/);
  });

  it('validates user rule files with the rule schema', async () => {
    const root = project({
      'pim-migrate.config.yaml': 'ruleFiles: [team.yaml]\n',
      'team.yaml': 'rules:\n  - id: pim2-x\n    titel: typo\n',
      'src/a.ts': SETTINGS_CALL,
    });
    const { code, stderr } = await runInProcess(['scan', join(root, 'src')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/team\.yaml:3:5: unknown key "titel"/);
  });
});

describe('.pim-migrateignore', () => {
  it('leaves out files like .gitignore, in subfolders too', async () => {
    const root = project({
      '.pim-migrateignore': 'legacy/\n',
      'legacy/a.ts': SETTINGS_CALL,
      'app/.pim-migrateignore': 'generated.ts\n',
      'app/generated.ts': SETTINGS_CALL,
      'app/main.ts': RESOURCES_CALL,
    });
    writeFileSync(join(root, 'pim-migrate.config.yaml'), 'failOn: none\n');
    const { stdout } = await runInProcess(['scan', root, '--format', 'json']);
    expect(JSON.parse(stdout).findings.map((finding: { file: string }) => finding.file)).toEqual(['app/main.ts']);
  });
});
