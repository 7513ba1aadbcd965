import { describe, expect, it } from 'vitest';
import { RESULT_REVIEW, resultReview } from '../../src/fix/powershell/result-use.js';
import { parseScript } from '../../src/fix/powershell/script.js';

/** Returns the review for the `New-MgX` command in `code`. */
async function reviewOf(code: string): Promise<string | undefined> {
  const script = await parseScript(code);
  try {
    const call = script.commands.find((command) => command.nameNode.text === 'New-MgX');
    return resultReview(call!);
  } finally {
    script.dispose();
  }
}

describe('resultReview', () => {
  it.each([
    ['a top-level statement', 'New-MgX -BodyParameter $b\n'],
    ['assignment to $null', '$null = New-MgX -BodyParameter $b\n'],
    ['a pipe to Out-Null', 'New-MgX -BodyParameter $b | Out-Null\n'],
    ['a void cast', '[void](New-MgX -BodyParameter $b)\n'],
  ])('needs no check for %s', async (_name, code) => {
    expect(await reviewOf(code)).toBeUndefined();
  });

  it.each([
    ['a variable', '$request = New-MgX -BodyParameter $b\n$request.Status.Status\n'],
    ['a pipe onward', 'New-MgX -BodyParameter $b | Select-Object -ExpandProperty Id\n'],
    ['a function result', 'function Add-Owner { New-MgX -BodyParameter $b }\n'],
    ['a subexpression', 'Write-Host "id $((New-MgX -BodyParameter $b).Id)"\n'],
  ])('asks for a check for %s', async (_name, code) => {
    expect(await reviewOf(code)).toBe(RESULT_REVIEW);
  });
});
