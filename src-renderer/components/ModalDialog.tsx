// A modal dialog centred in the viewport (React Aria's Modal: focus is kept
// inside and returns to the trigger, Escape closes, the page behind is inert).
// Opened by its trigger button; `children` gets `close` to end it.
import type { ReactNode } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';

export function ModalDialog({
  trigger,
  triggerLabel,
  title,
  role = 'dialog',
  children,
}: {
  /** The visible text of the button that opens the dialog. */
  trigger: string;
  /** The button's accessible name when the visible text is not enough ("Rename ink-digits-2"). */
  triggerLabel?: string;
  title: string;
  /** alertdialog for confirmations of destructive actions. */
  role?: 'dialog' | 'alertdialog';
  children(close: () => void): ReactNode;
}) {
  return (
    <DialogTrigger>
      <Button aria-label={triggerLabel}>{trigger}</Button>
      <ModalOverlay isDismissable className="react-aria-ModalOverlay modal-overlay">
        <Modal className="react-aria-Modal modal">
          <Dialog role={role} className="react-aria-Dialog modal-dialog">
            {({ close }) => (
              <>
                <Heading slot="title">{title}</Heading>
                {children(close)}
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
