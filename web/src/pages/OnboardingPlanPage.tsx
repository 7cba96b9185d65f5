/** Placeholder until the screen lands (issue 5). */
export function OnboardingPlanPage() {
  return null;
}
