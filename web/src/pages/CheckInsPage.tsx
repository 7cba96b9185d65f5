/** Placeholder until the screen lands (issue 6). */
export function CheckInsPage() {
  return null;
}
