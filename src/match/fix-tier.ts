import type { Finding } from '../model/finding.js';
import type { FixTier } from '../rules/schema.js';
import { UNCONFIRMED_NOTE } from './select-replacements.js';

export interface TierVerdict {
  tier: FixTier;
  /** The reason the tier is below the rule's, written for the person who reviews the fix. */
  because?: string;
}

/**
 * Returns the fix tier of one finding. The rule's tier is the ceiling, and a `safe` rule's finding
 * drops to `suggestion` when the call itself shows something a person must check. The language
 * fixer can lower it again when the code reads the old response (see `src/fix/edits.ts`).
 */
export function findingTier(ruleTier: FixTier, finding: Pick<Finding, 'provider' | 'family' | 'exact' | 'replacements' | 'notes'>): TierVerdict {
  if (ruleTier === 'manual') {
    return { tier: ruleTier };
  }
  if (ruleTier === 'suggestion') {
    // The rule's notes describe what changes between the iterations, which is what to check.
    const note = finding.notes.find((candidate) => !candidate.startsWith('The code does not show the HTTP method'));
    return { tier: 'suggestion', because: note ? `the rule's fixes need a review: ${note}` : "the rule's fixes need a review: the iteration 3 response has another shape" };
  }
  const replacement = finding.exact ? finding.replacements[0] : undefined;
  if (finding.provider === 'aadRoles') {
    return { tier: 'suggestion', because: 'Entra role definition ids differ between iterations: check the roleDefinitionId the new call sends' };
  }
  if (!replacement || replacement.api !== 'graph') {
    return { tier: 'suggestion', because: 'the evidence does not choose one Graph replacement' };
  }
  if (finding.family === 'azrbac-iteration2') {
    return { tier: 'suggestion', because: 'the old call sends a token for the PIM service host; the new call needs a Microsoft Graph token with the new permissions' };
  }
  if (finding.family === 'cmdlet-azureadpreview' || finding.family === 'cmdlet-entra-beta') {
    return { tier: 'suggestion', because: 'the script signs in for its old module; the Graph cmdlet needs Connect-MgGraph with the new permission scopes' };
  }
  const unconfirmed = [...finding.notes, ...(replacement.notes ?? [])].find((note) => UNCONFIRMED_NOTE.test(note));
  if (unconfirmed) {
    return { tier: 'suggestion', because: `it rests on an unconfirmed fact: ${unconfirmed.replace(UNCONFIRMED_NOTE, '')}` };
  }
  return { tier: 'safe' };
}
