/** Placeholder until the screen lands (issue 5). */
export function SopsPage() {
  return null;
}
