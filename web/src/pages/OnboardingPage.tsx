/** Placeholder until the screen lands (issue 5). */
export function OnboardingPage() {
  return null;
}
