import { describe, expect, it } from 'vitest';
import { NeedleSearch } from '../../src/prefilter/needle-search.js';
import { seededRandom } from '../../bench/random.js';

/** The reference result: a lower-cased copy searched once per needle. */
function naiveMatches(bytes: Buffer, needles: readonly string[]): boolean {
  const lower = Buffer.from(bytes.toString('latin1').toLowerCase(), 'latin1');
  return needles.some((needle) => lower.includes(Buffer.from(needle, 'latin1')));
}

describe('NeedleSearch', () => {
  it('finds needles in any ASCII case', () => {
    const search = new NeedleSearch(['privilegedaccess', 'governanceresource']);
    expect(search.matches(Buffer.from('GET /PrivilegedAccess/aadRoles'))).toBe(true);
    expect(search.matches(Buffer.from('GOVERNANCERESOURCE'))).toBe(true);
    expect(search.matches(Buffer.from('privileged access, governance resource'))).toBe(false);
  });

  it('finds needles at the start and the end of the bytes', () => {
    const search = new NeedleSearch(['privilegedroles']);
    expect(search.matches(Buffer.from('privilegedroles and more'))).toBe(true);
    expect(search.matches(Buffer.from('text then privilegedRoles'))).toBe(true);
    expect(search.matches(Buffer.from('privilegedrole'))).toBe(false);
  });

  it('handles needles shorter than the anchor length and without a shared prefix', () => {
    const search = new NeedleSearch(['abc', 'xyzzy', 'privilegedaccess']);
    expect(search.matches(Buffer.from('..ABC..'))).toBe(true);
    expect(search.matches(Buffer.from('..xYzZy'))).toBe(true);
    expect(search.matches(Buffer.from('ab c xyz zy'))).toBe(false);
  });

  it('matches nothing without needles', () => {
    expect(new NeedleSearch([]).matches(Buffer.from('anything'))).toBe(false);
  });

  it('agrees with a naive search on random text', () => {
    const needles = ['privilegedroles', 'privileged_access', 'governanceroleassignments', 'azureadmsprivilegedroleassignment', 'mgbetaprivilegedrole'];
    const search = new NeedleSearch(needles);
    const random = seededRandom(7);
    const alphabet = 'privlegdacsomnt_PRIVLEGD /"\n';
    let positives = 0;
    for (let round = 0; round < 2000; round++) {
      let text = '';
      const length = Math.floor(random() * 300);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      if (random() < 0.3) {
        const needle = needles[Math.floor(random() * needles.length)]!;
        const at = Math.floor(random() * (text.length + 1));
        const spelled = [...needle].map((char) => (random() < 0.5 ? char.toUpperCase() : char)).join('');
        text = text.slice(0, at) + spelled + text.slice(at);
      }
      const bytes = Buffer.from(text, 'latin1');
      const expected = naiveMatches(bytes, needles);
      if (expected) positives += 1;
      expect(search.matches(bytes), text).toBe(expected);
    }
    expect(positives).toBeGreaterThan(100);
  });
});
