/**
 * "Skip to content" for keyboard users. A button that moves focus itself rather than a link to
 * `#main`: on /invite#… and /reset-password#… the fragment holds the token and must stay.
 */
export function SkipLink({ label }: { label: string }) {
  return (
    <button
      type="button"
      className="skip-link"
      onClick={() => {
        const main = document.getElementById('main');
        main?.focus();
        main?.scrollIntoView();
      }}
    >
      {label}
    </button>
  );
}
