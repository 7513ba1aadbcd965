/** Returns a rule file with one minimal valid rule, for loader and cache tests. */
export function ruleFile(id: string, title: string): string {
  return `rules:
  - id: ${id}
    title: ${title}
    iteration: 2
    operation:
      methods: [GET]
      paths: ["/privilegedAccess/{providerId}/things"]
    providers:
      aadRoles:
        replacements: []
    fix: manual
    retired: 2026-10-28
    docs: https://learn.microsoft.com/graph/api/overview
    tests:
      match:
        - language: text
          code: GET /privilegedAccess/aadRoles/things
`;
}
