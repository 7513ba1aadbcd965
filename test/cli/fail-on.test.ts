import { describe, expect, it } from 'vitest';
import { isFailing, parseFailOn } from '../../src/cli/fail-on.js';
import { makeFinding } from '../report/sample-result.js';

describe('isFailing', () => {
  it('fails every finding without a threshold', () => {
    expect(isFailing(makeFinding({ fix: 'manual', confidence: 'low', severity: 'note' }), undefined)).toBe(true);
  });

  it('never fails a suppressed finding', () => {
    const finding = makeFinding({ suppression: { kind: 'external', justification: 'baseline b.json' } });
    expect(isFailing(finding, undefined)).toBe(false);
    expect(isFailing(finding, 'note')).toBe(false);
  });

  it('never fails with none', () => {
    expect(isFailing(makeFinding({ severity: 'error' }), 'none')).toBe(false);
  });

  it.each([
    ['safe', 'safe', true],
    ['safe', 'suggestion', false],
    ['safe', 'manual', false],
    ['suggestion', 'safe', true],
    ['suggestion', 'suggestion', true],
    ['suggestion', 'manual', false],
    ['manual', 'manual', true],
  ] as const)('fix tier %s with a %s finding fails: %s', (threshold, fix, expected) => {
    expect(isFailing(makeFinding({ fix }), threshold)).toBe(expected);
  });

  it.each([
    ['high', 'high', true],
    ['high', 'medium', false],
    ['medium', 'high', true],
    ['medium', 'low', false],
    ['low', 'low', true],
  ] as const)('confidence %s with a %s finding fails: %s', (threshold, confidence, expected) => {
    expect(isFailing(makeFinding({ confidence }), threshold)).toBe(expected);
  });

  it.each([
    ['error', 'warning', false],
    ['error', 'error', true],
    ['warning', 'warning', true],
    ['warning', 'note', false],
    ['note', 'note', true],
  ] as const)('severity %s with a %s finding fails: %s', (threshold, severity, expected) => {
    expect(isFailing(makeFinding({ severity }), threshold)).toBe(expected);
  });
});

describe('parseFailOn', () => {
  it('accepts any case', () => {
    expect(parseFailOn('High')).toBe('high');
  });

  it('rejects an unknown value', () => {
    expect(() => parseFailOn('critical')).toThrow('invalid --fail-on value "critical"');
  });
});
