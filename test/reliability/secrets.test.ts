import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/model/scan-result.js';
import { getReporter, REPORT_FORMATS } from '../../src/report/index.js';
import { redactSecrets, redactSecretsWithMap } from '../../src/report/redact.js';
import { loadRuleTable } from '../../src/rules/load.js';
import { scan } from '../../src/scan.js';
import { writeProject } from '../helpers/temp-project.js';

// Fake secrets, each unique, so a leak names the kind that leaked.
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwbGFudGVkLWp3dCJ9.UGxhbnRlZFNpZ25hdHVyZVZhbHVl';
const BEARER = 'PlantedBearerToken0123456789abcdef';
const HEADER_BEARER = 'PlantedHeaderBearer42';
const CLIENT_SECRET_QUERY = 'PlantedClientSecretQuery77';
const CLIENT_SECRET_CS = 'PlantedClientSecretCSharp88';
const ENTRA_SECRET = 'abc8Q~PlantedEntraSecretValue0123456789';
const PASSWORD_QUERY = 'PlantedPasswordQuery55';
const PASSWORD_PY = 'PlantedPasswordPython66';
const PWD = 'PlantedPwd99';
const ACCOUNT_KEY = 'UGxhbnRlZEFjY291bnRLZXk=';
const SHARED_ACCESS_KEY = 'UGxhbnRlZFNoYXJlZEtleQ==';
const CONNECTION_PASSWORD = 'PlantedConnPassword11';
const SAS_SIG = 'UGxhbnRlZFNhc1NpZw%3D%3D';
const JUSTIFICATION_SECRET = 'PlantedJustificationPassword3';

const PLANTED: Record<string, string> = {
  JWT,
  BEARER,
  HEADER_BEARER,
  CLIENT_SECRET_QUERY,
  CLIENT_SECRET_CS,
  ENTRA_SECRET,
  PASSWORD_QUERY,
  PASSWORD_PY,
  PWD,
  ACCOUNT_KEY,
  SHARED_ACCESS_KEY,
  CONNECTION_PASSWORD,
  SAS_SIG,
  JUSTIFICATION_SECRET,
};

const GRAPH = 'https://graph.microsoft.com/beta/privilegedAccess';

// Every secret sits on the line of an old call or inside its URL, so code frames, matched text
// and messages all have a chance to print it.
const FILES: Record<string, string> = {
  'src/assign.ts': [
    'export async function assign(client: any) {',
    `  const jwt = '${JWT}'; await fetch('${GRAPH}/aadRoles/roleAssignmentRequests', { method: 'POST', headers: { Authorization: 'Bearer ${BEARER}' } });`,
    `  await fetch('${GRAPH}/aadRoles/roleAssignments?client_secret=${CLIENT_SECRET_QUERY}&password=${PASSWORD_QUERY}');`,
    `  const entra = '${ENTRA_SECRET}'; await client.api('/privilegedAccess/aadGroups/roleAssignments').version('beta').get();`,
    `  // pim-migrate-ignore pim2-role-definitions-list -- temporary, password=${JUSTIFICATION_SECRET}`,
    `  await fetch('${GRAPH}/aadRoles/roleDefinitions?$top=1', { headers: { 'Authorization': 'Bearer ${JWT}' } });`,
    '}',
    '',
  ].join('\n'),
  'src/Pim.cs': [
    'class Pim {',
    `  const string ClientSecret = "${CLIENT_SECRET_CS}"; string url = "${GRAPH}/aadRoles/roleSettings";`,
    '}',
    '',
  ].join('\n'),
  'scripts/report.py': [
    'import requests',
    `password = '${PASSWORD_PY}'; requests.get("${GRAPH}/azureResources/resources?pwd=${PWD}")`,
    '',
  ].join('\n'),
  'scripts/storage.ps1': [
    `$conn = "DefaultEndpointsProtocol=https;AccountName=pim;AccountKey=${ACCOUNT_KEY};EndpointSuffix=core.windows.net"; Get-AzureADMSPrivilegedRoleAssignment -ProviderId aadRoles -ResourceId $tenant`,
    `$bus = "Endpoint=sb://pim.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${SHARED_ACCESS_KEY}"; Get-AzureADMSPrivilegedRoleDefinition -ProviderId aadRoles -ResourceId $tenant`,
    '',
  ].join('\n'),
  'scripts/sql.sh': [
    `CONN="Server=db;User Id=pim;Password=${CONNECTION_PASSWORD};" curl -H "Authorization: Bearer ${HEADER_BEARER}" "${GRAPH}/aadGroups/resources?sv=2022-11-02&se=2030-01-01&sig=${SAS_SIG}"`,
    '',
  ].join('\n'),
};

describe('secrets in reports', () => {
  let project: ReturnType<typeof writeProject>;
  let result: ScanResult;
  const rules = loadRuleTable();

  beforeAll(async () => {
    project = writeProject(FILES);
    result = await scan({ paths: [project.root], jobs: 1 });
  }, 60_000);
  afterAll(() => project.cleanup());

  it('finds the old calls beside the secrets', () => {
    const files = new Set(result.findings.map((finding) => finding.file));
    expect([...files].sort()).toEqual(['scripts/report.py', 'scripts/sql.sh', 'scripts/storage.ps1', 'src/Pim.cs', 'src/assign.ts']);
  });

  it('every secret sits within a code frame of a finding', () => {
    // Guards the test itself: a secret far from every finding would pass without redaction.
    for (const [kind, secret] of Object.entries(PLANTED)) {
      const near = result.findings.some((finding) => {
        const lines = FILES[finding.file]!.split('\n');
        return lines.slice(Math.max(0, finding.line - 2), finding.line + 1).some((line) => line.includes(secret));
      });
      expect(near, `no finding next to the ${kind} secret`).toBe(true);
    }
  });

  for (const format of REPORT_FORMATS) {
    it(`${format} report prints no planted secret`, () => {
      const output = getReporter(format)!.render(result, { toolVersion: '0.0.0-test', color: format === 'text', rules });
      for (const [kind, secret] of Object.entries(PLANTED)) {
        expect(output.includes(secret), `${format} report contains the ${kind} secret`).toBe(false);
      }
      // Annotations quote no source line, so they have nothing to redact here.
      if (format !== 'github') expect(output).toContain('***');
    });
  }

  it('text report keeps key names', () => {
    const output = getReporter('text')!.render(result, { toolVersion: '0.0.0-test', color: false, rules });
    expect(output).toContain('client_secret=***');
    expect(output).toContain('password=***');
  });
});

describe('redactSecrets', () => {
  const cases: Array<[string, string, string]> = [
    ['bearer header', 'Authorization: Bearer x', 'Authorization: Bearer ***'],
    ['bearer jwt', `Bearer ${JWT}`, 'Bearer ***'],
    ['bare jwt', `token: "${JWT}"`, 'token: "***"'],
    ['client_secret query', 'a?client_secret=abc&b=1', 'a?client_secret=***&b=1'],
    ['ClientSecret assignment', 'ClientSecret = "s3cr3t";', 'ClientSecret = "***";'],
    ['JSON key', '{"clientSecret": "s3cr3t"}', '{"clientSecret": "***"}'],
    ['Entra secret', `x = ${ENTRA_SECRET};`, 'x = ***;'],
    ['password single quotes', "Password = 'hunter2'", "Password = '***'"],
    ['pwd query', 'u?pwd=hunter2', 'u?pwd=***'],
    ['PowerShell parameter', '-Password "hunter2"', '-Password "hunter2"'],
    ['connection string', 'AccountName=a;AccountKey=abc/def==;EndpointSuffix=x', 'AccountName=a;AccountKey=***;EndpointSuffix=x'],
    ['shared access key', 'SharedAccessKeyName=n;SharedAccessKey=abc=', 'SharedAccessKeyName=n;SharedAccessKey=***'],
    ['sql password', 'User Id=u;Password=p@ss;', 'User Id=u;Password=***;'],
    ['SAS token', '?sv=2022-11-02&se=2030&sig=abc%2B', '?sv=2022-11-02&se=2030&sig=***'],
    ['sig without SAS', 'sig=abc', 'sig=abc'],
    ['call, not a secret', 'password = readSecret()', 'password = readSecret()'],
    ['plain code', "fetch('/privilegedAccess/aadRoles/roleAssignments')", "fetch('/privilegedAccess/aadRoles/roleAssignments')"],
  ];
  for (const [name, input, expected] of cases) {
    it(`redacts ${name}`, () => {
      expect(redactSecrets(input)).toBe(expected);
    });
  }

  it('is idempotent', () => {
    for (const [, input] of cases) {
      const once = redactSecrets(input);
      expect(redactSecrets(once)).toBe(once);
    }
  });

  it('maps indexes past a secret', () => {
    const input = "k='Bearer abcdefgh'; call()";
    const redacted = redactSecretsWithMap(input);
    expect(redacted.text).toBe("k='Bearer ***'; call()");
    const call = input.indexOf('call');
    expect(redacted.text.slice(redacted.mapIndex(call), redacted.mapIndex(call + 4))).toBe('call');
  });
});
