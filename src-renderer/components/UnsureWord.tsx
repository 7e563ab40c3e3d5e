// A recognized word as Dictate and Write show it in a line of text, marked as
// unsure-marks.ts says. An underline and a hover title reach neither screen
// readers nor keyboard and touch users, so a word the recognizer is unsure of
// is also a button: its accessible description says why, and pressing it
// (click, tap, Enter or Space) shows why in a small popover.
import { useId } from 'react';
import { Dialog, DialogTrigger, Popover, Pressable } from 'react-aria-components';
import type { WordMarking } from './unsure-marks';

/**
 * An unsure word: focusable, described by its reason, pressed to show it.
 *
 * The reason is an `aria-description` (read by Chromium, hence by Electron and
 * the screen readers on it) rather than a visually hidden note or a hidden
 * element the word is `aria-describedby`: the word's text content stays the
 * word alone, so copying the text, Write's reading and the live regions that
 * announce it never pick up the note. A native button (through `Pressable`, as
 * react-aria's Button drops `title` and `aria-description`) keeps the title
 * mouse users hover over, and the app's focus ring.
 */
export function UnsureWord({
  text,
  reason,
  details,
  className,
  title,
}: {
  text: string;
  reason: string;
  details: string;
  /** Its mark, unless an enclosing element (a word list's item) carries it. */
  className?: string;
  title?: string;
}) {
  const reasonId = useId();
  return (
    <DialogTrigger>
      <Pressable>
        <button
          type="button"
          className={className ? `${className} unsure-word` : 'unsure-word'}
          title={title}
          aria-description={reason}
        >
          {text}
        </button>
      </Pressable>
      <Popover className="react-aria-Popover unsure-note" placement="bottom start" offset={4}>
        <Dialog className="unsure-note-dialog" aria-labelledby={reasonId}>
          <p id={reasonId}>{reason}</p>
          <p className="quiet">{details}</p>
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}

/**
 * A word in a line of text: plain if trusted; if unsure, an `UnsureWord`, or
 * only underlined and titled when `passive` (a live guess replaced as the
 * recognizer goes on: a focused word would vanish under the focus).
 */
export function MarkedWord({
  text,
  marking,
  passive = false,
}: {
  text: string;
  marking: WordMarking;
  passive?: boolean;
}) {
  if (marking.unsure && !passive) {
    return (
      <UnsureWord
        text={text}
        {...marking.unsure}
        className={marking.className}
        title={marking.title}
      />
    );
  }
  return (
    <span className={marking.className} title={marking.title}>
      {text}
    </span>
  );
}
