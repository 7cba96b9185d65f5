/** Placeholder until the screen lands (issue 6). */
export function MeetingPage() {
  return null;
}
