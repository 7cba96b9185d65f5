/** Placeholder until the screen lands (issue 5). */
export function SopPage() {
  return null;
}
