import { describe, expect, it } from 'vitest';
import { compileTemplate, matchTemplate, segmentName } from '../../src/match/path-template.js';
import { DYNAMIC, type PathSegment } from '../../src/match/normalize-url.js';

const path = (...texts: string[]): PathSegment[] => texts.map((text) => ({ text, dynamic: text === DYNAMIC }));

describe('matchTemplate', () => {
  const requests = compileTemplate('/privilegedAccess/{providerId}/roleAssignmentRequests/{id}/cancel');

  it('matches provider ids in any casing and spells them canonically', () => {
    const match = matchTemplate(requests, path('privilegedaccess', 'AADROLES', 'roleAssignmentRequests', 'abc', 'cancel'), 0);
    expect(match?.provider).toBe('aadRoles');
    expect(match?.canonicalPath).toBe('/privilegedAccess/aadRoles/roleAssignmentRequests/{id}/cancel');
  });

  it('leaves a dynamic provider as {providerId}', () => {
    const match = matchTemplate(requests, path('privilegedAccess', DYNAMIC, 'roleAssignmentRequests', DYNAMIC, 'cancel'), 0);
    expect(match?.provider).toBeNull();
    expect(match?.hasProviderSegment).toBe(true);
    expect(match?.canonicalPath).toBe('/privilegedAccess/{providerId}/roleAssignmentRequests/{id}/cancel');
  });

  it('rejects a word that is not a provider', () => {
    expect(matchTemplate(requests, path('privilegedAccess', 'group', 'roleAssignmentRequests', 'x', 'cancel'), 0)).toBeNull();
  });

  it('rejects a longer or shorter path', () => {
    expect(matchTemplate(requests, path('privilegedAccess', 'aadRoles', 'roleAssignmentRequests', 'x'), 0)).toBeNull();
    expect(matchTemplate(requests, path('privilegedAccess', 'aadRoles', 'roleAssignmentRequests', 'x', 'cancel', 'y'), 0)).toBeNull();
  });

  it('lets ** take the rest of the path', () => {
    const catchAll = compileTemplate('/privilegedAccess/{providerId}/**');
    const match = matchTemplate(catchAll, path('privilegedAccess', 'azureResources', 'something', DYNAMIC), 0);
    expect(match?.canonicalPath).toBe('/privilegedAccess/azureResources/something/{id}');
  });

  it('points at the last literal segment as the operation', () => {
    const match = matchTemplate(requests, path('privilegedAccess', 'aadGroups', 'roleAssignmentRequests', 'x', 'cancel'), 0);
    expect(match?.operationSegment).toBe(4);
  });
});

describe('segmentName', () => {
  it('drops the namespace and parentheses of function segments', () => {
    expect(segmentName('microsoft.graph.isSignedUp()')).toBe('issignedup');
    expect(segmentName("filterByCurrentUser(on='principal')")).toBe('filterbycurrentuser');
  });
});
