/** Constraints are typed one per line; blank lines are dropped. */
export function constraintsFromText(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
