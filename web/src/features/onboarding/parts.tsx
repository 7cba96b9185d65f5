import type { OnboardingItemKind, OnboardingPlanStatus } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { percentDone } from './dates.ts';

function Svg({ children }: { children: React.ReactNode }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width={18}
      height={18}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** A small line icon per item kind; decorative, the kind's name stands beside it. */
export function KindIcon({ kind }: { kind: OnboardingItemKind }) {
  switch (kind) {
    case 'access':
      return (
        <Svg>
          <circle cx="8" cy="15" r="4" />
          <path d="m11 12 9-9M17 6l3 3M15 8l2 2" />
        </Svg>
      );
    case 'acknowledge_sop':
      return (
        <Svg>
          <path d="M5 4h10l4 4v12H5z" />
          <path d="m9 14 2 2 4-4" />
        </Svg>
      );
    case 'first_task':
      return (
        <Svg>
          <rect x="4" y="4" width="16" height="16" rx="2" />
          <path d="m8 12 3 3 5-6" />
        </Svg>
      );
    case 'meeting':
      return (
        <Svg>
          <rect x="3" y="5" width="18" height="16" rx="2" />
          <path d="M3 10h18M8 3v4M16 3v4" />
        </Svg>
      );
    default:
      return (
        <Svg>
          <circle cx="9" cy="8" r="3" />
          <path d="M3 20c0-3 3-5 6-5s6 2 6 5" />
          <path d="M16 4a3 3 0 0 1 0 6M18 15c2 .5 3 2 3 5" />
        </Svg>
      );
  }
}

/** Done/total as a bar with its numbers in words, so it reads without colour. */
export function ProgressBar({
  done,
  total,
  testId,
  label,
}: {
  done: number;
  total: number;
  testId?: string;
  label?: string;
}) {
  const { t } = useTranslation();
  const percent = percentDone(done, total);
  const text = t('onboarding.progress', { done, total });
  return (
    <div className="onb-progress" data-testid={testId} data-done={done} data-total={total}>
      <div
        className="onb-progress-track"
        role="progressbar"
        aria-label={label ?? t('onboarding.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <div className="onb-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="onb-progress-text">{text}</span>
    </div>
  );
}

export function StatusBadge({ status }: { status: OnboardingPlanStatus }) {
  const { t } = useTranslation();
  return <span className={`badge onb-status onb-status-${status}`}>{t(`onboarding.status.${status}`)}</span>;
}
