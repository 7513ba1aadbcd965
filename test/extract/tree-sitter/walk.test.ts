import { describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { collectNodes, nodesOfTypes } from '../../../src/extract/tree-sitter/collect.js';
import type { GrammarName } from '../../../src/extract/tree-sitter/grammars.js';
import { walk, withTree } from '../../../src/extract/tree-sitter/parse.js';

/** Walk through `child(i)` as `walk` did before it used a cursor: the reference order of visits and skips. */
function referenceWalk(root: Node, enter: (node: Node) => boolean | void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (enter(node) === false) {
      continue;
    }
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child) {
        stack.push(child);
      }
    }
  }
}

/** Describe a node by id, type and span, so two lists of nodes compare as text. */
function describeNode(node: Node): string {
  return `${node.id} ${node.type} ${node.startIndex}-${node.endIndex}`;
}

/** Samples with valid code, syntax errors, inserted (missing) tokens, empty text and non-ASCII text. */
const SAMPLES: [GrammarName, string][] = [
  ['powershell', "# head\n$u = \"https://graph.microsoft.com/beta/privilegedAccess/aadRoles\" # tail\nInvoke-RestMethod -Uri $u -Method Get\nfunction F { param([string]$a = 'x') Get-Item @'\nhere\n'@ }\n"],
  ['powershell', 'Invoke-RestMethod -Uri ("a" + $(Get-X "b"'],
  ['powershell', ''],
  ['python', 'from a import (b,  # note\n    c)\n"""Doc."""\ndef f(x="é"):\n    """Inner doc."""\n    return requests.get(f"{x}/privilegedAccess", json={"a": 1})\n'],
  ['python', 'def f(:\n  return g("x"\n'],
  ['python', ')'],
  ['python', ''],
  ['csharp', 'class A { const string U = "https://x/privilegedAccess"; void M() { var r = await http.GetAsync(U); } }\n'],
  ['csharp', 'public int P { get; set; } = 4;\nvar x = await http.GetAsync("u");\n'],
  ['go', 'package p\n// c\nfunc f() { http.Get("https://x/privilegedAccess") }\n'],
  ['go', 'func ('],
];

describe('tree-sitter walk', () => {
  it.each(SAMPLES)('visits %s nodes in the reference order', async (grammar, text) => {
    await withTree(grammar, text, (root) => {
      const expected: string[] = [];
      referenceWalk(root, (node) => void expected.push(describeNode(node)));
      const actual: string[] = [];
      walk(root, (node) => void actual.push(describeNode(node)));
      expect(actual).toEqual(expected);
      expect(actual.length).toBeGreaterThan(0);
    });
  });

  it('skips the descendants of a node when enter returns false', async () => {
    const text = 'from a import (b,  # note\n    c)\nx = "s"  # after\n';
    await withTree('python', text, (root) => {
      const skipImports = (node: Node): boolean | void => (node.type === 'import_from_statement' ? false : undefined);
      const expected: string[] = [];
      referenceWalk(root, (node) => {
        expected.push(describeNode(node));
        return skipImports(node);
      });
      const actual: string[] = [];
      walk(root, (node) => {
        actual.push(describeNode(node));
        return skipImports(node);
      });
      expect(actual).toEqual(expected);
      expect(actual.some((entry) => entry.includes(' comment '))).toBe(true);
      expect(actual.filter((entry) => entry.includes(' comment ')).length).toBe(1);
    });
  });

  it('hands over the root object itself first', async () => {
    await withTree('python', 'def f():\n    return 1\n', (root) => {
      const first = root.namedChild(0)!;
      const visited: Node[] = [];
      walk(first, (node) => void visited.push(node));
      expect(visited[0]).toBe(first);
      expect(visited.length).toBeGreaterThan(1);
    });
  });

  it('stays inside the node it starts from', async () => {
    const text = 'a = f("one")\nb = g("two")\n';
    await withTree('python', text, (root) => {
      const first = root.namedChild(0)!;
      const visited: string[] = [];
      walk(first, (node) => void visited.push(node.text));
      expect(visited[0]).toBe('a = f("one")');
      expect(visited).toContain('"one"');
      expect(visited).not.toContain('"two"');
    });
  });
});

describe('tree-sitter collectNodes', () => {
  const TYPES: Record<GrammarName, string[]> = {
    powershell: ['command', 'comment', 'expandable_string_literal', 'verbatim_string_characters', 'verbatim_here_string_characters', 'assignment_expression', 'script_parameter', 'program'],
    python: ['call', 'string', 'comment', 'expression_statement', 'import_from_statement', 'module', 'ERROR'],
    csharp: ['invocation_expression', 'string_literal', 'comment', 'property_declaration', 'ERROR'],
    go: ['call_expression', 'interpreted_string_literal', 'comment', 'ERROR'],
    java: [],
    php: [],
    rust: [],
    bash: [],
    hcl: [],
  };

  it.each(SAMPLES)('finds the %s nodes a walk finds, in the same order', async (grammar, text) => {
    await withTree(grammar, text, (root) => {
      // With `ERROR` the walk fallback runs; without it, the search inside WebAssembly.
      for (const types of [new Set(TYPES[grammar]), new Set(TYPES[grammar].filter((type) => type !== 'ERROR'))]) {
        const expected: string[] = [];
        referenceWalk(root, (node) => void (types.has(node.type) && expected.push(describeNode(node))));
        expect(nodesOfTypes(root, [...types]).map(describeNode)).toEqual(expected);
      }
    });
  });

  it('includes the root object when its type is requested', async () => {
    await withTree('python', 'x = 1\ny = 2\n', (root) => {
      expect(nodesOfTypes(root, ['module']).map(describeNode)).toEqual([describeNode(root)]);
      const statement = root.namedChild(1)!;
      expect(nodesOfTypes(statement, ['expression_statement'])[0]).toBe(statement);
    });
  });

  it('skips the descendants of a node when visit returns false', async () => {
    const text = 'from a import (b,  # inside\n    c)\n"""Doc with f("x")."""\nprint("kept")  # outside\n';
    await withTree('python', text, (root) => {
      const prune = (node: Node, type: string): boolean | void => (type === 'import_from_statement' || type === 'expression_statement' ? false : undefined);
      const types = ['call', 'string', 'comment', 'expression_statement', 'import_from_statement'];
      const expected: string[] = [];
      referenceWalk(root, (node) => {
        if (!types.includes(node.type)) {
          return undefined;
        }
        expected.push(describeNode(node));
        return prune(node, node.type);
      });
      const actual: string[] = [];
      collectNodes(root, types, (node, type) => {
        actual.push(describeNode(node));
        return prune(node, type);
      });
      expect(actual).toEqual(expected);
      expect(actual.filter((entry) => entry.includes(' comment '))).toHaveLength(1);
      expect(actual.filter((entry) => entry.includes(' string '))).toHaveLength(0);
    });
  });

  it('passes each node with its type', async () => {
    await withTree('go', 'package p\n// c\nfunc f() { g("s") }\n', (root) => {
      const seen: string[] = [];
      collectNodes(root, ['comment', 'call_expression'], (node, type) => void seen.push(`${type}:${node.text}`));
      expect(seen).toEqual(['comment:// c', 'call_expression:g("s")']);
    });
  });

  it('finds nodes under a node that does not start the file', async () => {
    const text = 'a = f("one")\nb = g("two", h("three"))\n';
    await withTree('python', text, (root) => {
      const second = root.namedChild(1)!;
      expect(nodesOfTypes(second, ['call']).map((node) => node.text)).toEqual(['g("two", h("three"))', 'h("three")']);
    });
  });
});
