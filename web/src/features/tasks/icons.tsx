import type { ReactNode } from 'react';

/** Line icons in the style of ui/icons.tsx (24×24, stroke = currentColor, decorative). */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="20"
      height="20"
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

export const InboxIcon = () => (
  <Icon>
    <path d="M3 13.5 5.5 5h13l2.5 8.5" />
    <path d="M3 13.5V19h18v-5.5h-5.5a3.5 3.5 0 0 1-7 0z" />
  </Icon>
);

export const AreasIcon = () => (
  <Icon>
    <rect x="3" y="3" width="7.5" height="7.5" rx="1.5" />
    <rect x="13.5" y="3" width="7.5" height="7.5" rx="1.5" />
    <rect x="3" y="13.5" width="7.5" height="7.5" rx="1.5" />
    <circle cx="17.25" cy="17.25" r="3.75" />
  </Icon>
);
