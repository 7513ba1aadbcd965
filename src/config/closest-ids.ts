/** Edit distance between two strings (insertions, deletions, substitutions), for suggestions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Returns up to `limit` known ids closest to `input`: ids that contain it come first, then the
 * rest by edit distance. Used in messages for an unknown rule id.
 */
export function closestIds(input: string, known: readonly string[], limit = 3): string[] {
  const needle = input.toLowerCase();
  const scored = known.map((id) => ({ id, contains: id.includes(needle), distance: editDistance(needle, id) }));
  scored.sort((a, b) => Number(b.contains) - Number(a.contains) || a.distance - b.distance || a.id.localeCompare(b.id));
  return scored.slice(0, limit).map((entry) => entry.id);
}
