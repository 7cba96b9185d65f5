/** Placeholder until the screen lands (issue 6). */
export function QuestionsPage() {
  return null;
}
