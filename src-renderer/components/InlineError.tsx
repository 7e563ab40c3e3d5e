/** An error shown where it happened, announced to screen readers. */
export function InlineError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="inline-error">
      {message}
    </p>
  );
}
