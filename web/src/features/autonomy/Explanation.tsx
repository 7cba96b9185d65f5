import type { ExplanationBody } from '@leeway/core';
import { useExplain } from './use-explain.ts';

/** An automatic decision's reason in plain words; the code rides along for tests and support. */
export function ExplanationText({
  explanation,
  testId,
  className,
}: {
  explanation: ExplanationBody | null | undefined;
  testId?: string;
  className?: string;
}) {
  const explain = useExplain();
  return (
    <p className={`explanation ${className ?? ''}`} data-testid={testId} data-code={explanation?.code}>
      {explain(explanation)}
    </p>
  );
}
