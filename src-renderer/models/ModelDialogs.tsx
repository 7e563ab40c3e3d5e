// Rename and Delete of a user's model, each in a modal dialog. A refused
// name is explained next to the field in plain words and the typed name is
// kept; the dialog closes only when the change is done.
import { useRef, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { requestSchemas, type ModelDetails } from '../../src-common/api';
import { InlineError } from '../components/InlineError';
import { ModalDialog } from '../components/ModalDialog';
import { NameField, schemaProblem, sentence } from '../components/NameField';
import type { ModelsController } from './models-controller';

/** What a dialog's body gets: the model, the controller, and how to close. */
interface DialogBodyProps {
  model: ModelDetails;
  controller: ModelsController;
  close(): void;
}

function RenameForm({ model, controller, close }: DialogBodyProps) {
  const [name, setName] = useState(model.info.name);
  const [problem, setProblem] = useState<string | null>(null);
  // Not a disabled button while busy: disabling the focused button would drop
  // focus out of the dialog (and Escape with it).
  const busy = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const refuse = (message: string) => {
    setProblem(sentence(message));
    input.current?.focus();
  };
  const submit = async () => {
    const to = name.trim();
    if (busy.current) return;
    if (to === model.info.name) return close();
    const local = schemaProblem(requestSchemas.renameModel.shape.to, to);
    if (local) return refuse(local);
    busy.current = true;
    try {
      await controller.rename(model, to);
      close();
    } catch (e) {
      refuse((e as Error).message);
    } finally {
      busy.current = false;
    }
  };
  return (
    <Form
      validationBehavior="aria"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <NameField
        label="New name"
        value={name}
        onChange={(v) => (setName(v), setProblem(null))}
        problem={problem}
        inputRef={input}
        autoFocus
      />
      <div className="toolbar dialog-actions">
        <Button onPress={close}>Cancel</Button>
        <Button type="submit" className="react-aria-Button primary">
          Rename
        </Button>
      </div>
    </Form>
  );
}

export function RenameDialog(props: { model: ModelDetails; controller: ModelsController }) {
  const { name } = props.model.info;
  return (
    <ModalDialog trigger="Rename" triggerLabel={`Rename ${name}`} title={`Rename ${name}`}>
      {(close) => <RenameForm {...props} close={close} />}
    </ModalDialog>
  );
}

function DeleteConfirm({ model, controller, close }: DialogBodyProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await controller.remove(model);
      close();
    } catch (e) {
      setError(sentence((e as Error).message));
      setBusy(false);
    }
  };
  return (
    <>
      <p>The model file is removed from this computer. This cannot be undone.</p>
      <InlineError message={error} />
      <div className="toolbar dialog-actions">
        <Button onPress={close} autoFocus>
          Cancel
        </Button>
        <Button className="react-aria-Button danger" isPending={busy} onPress={() => void remove()}>
          Delete model
        </Button>
      </div>
    </>
  );
}

export function DeleteDialog(props: { model: ModelDetails; controller: ModelsController }) {
  const { name } = props.model.info;
  return (
    <ModalDialog
      trigger="Delete"
      triggerLabel={`Delete ${name}`}
      title={`Delete ${name}?`}
      role="alertdialog"
    >
      {(close) => <DeleteConfirm {...props} close={close} />}
    </ModalDialog>
  );
}
