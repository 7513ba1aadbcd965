import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { loadedGrammars } from '../../src/extract/tree-sitter/grammars.js';
import { writeProject } from '../helpers/temp-project.js';

// Vitest runs each test file in its own worker, so no other test has loaded a grammar here.
describe('grammar loading', () => {
  it('loads no grammar for files without signatures', async () => {
    const project = writeProject({
      'scripts/Get-Users.ps1': "Get-MgUser -All | Select-Object DisplayName\nInvoke-RestMethod -Uri 'https://graph.microsoft.com/v1.0/users'\n",
      'tools/report.py': "import requests\nrequests.get('https://graph.microsoft.com/v1.0/roleManagement/directory/roleDefinitions')\n",
      'src/Client.cs': 'class Client { const string Url = "https://graph.microsoft.com/v1.0/groups"; }\n',
    });
    try {
      const result = await scan({ paths: [project.root] });
      expect(result.summary.filesParsed).toBe(0);
      expect(loadedGrammars()).toEqual([]);
    } finally {
      project.cleanup();
    }
  });

  it('loads only the grammar of the language found', async () => {
    const project = writeProject({
      'scripts/Old.ps1': 'Get-AzureADMSPrivilegedRoleAssignment -ProviderId aadRoles -ResourceId $tenant\n',
      'tools/report.py': "print('nothing to see')\n",
    });
    try {
      const result = await scan({ paths: [project.root] });
      expect(result.findings).toHaveLength(1);
      expect(loadedGrammars()).toEqual(['powershell']);
    } finally {
      project.cleanup();
    }
  });
});
