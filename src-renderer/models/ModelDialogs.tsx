// Rename and Delete of a user's model, each in a modal dialog. A refused
// name is explained next to the field in plain words and the typed name is
// kept; the dialog closes only when the change is done.
import { useRef, useState } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { requestSchemas, type ModelDetails } from '../../src-common/api';
import { InlineError } from '../components/InlineError';
import { ModalDialog } from '../components/ModalDialog';
import type { ModelsController } from './models-controller';

/** Why the back end would refuse this name, checked with the API's own schema. */
function nameProblem(to: string): string | null {
  const parsed = requestSchemas.renameModel.shape.to.safeParse(to);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'This name cannot be used.');
}

/** An error message as a sentence ("a model named x exists" → "A model named x exists."). */
const sentence = (message: string) =>
  `${message.charAt(0).toUpperCase()}${message.slice(1)}${/[.!?]$/.test(message) ? '' : '.'}`;

function RenameForm({
  model,
  controller,
  close,
}: {
  model: ModelDetails;
  controller: ModelsController;
  close(): void;
}) {
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
    const local = nameProblem(to);
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
      <TextField
        value={name}
        onChange={(v) => (setName(v), setProblem(null))}
        isInvalid={problem !== null}
        autoFocus
      >
        <Label>New name</Label>
        <Input ref={input} />
        <FieldError className="react-aria-FieldError field-error">{problem}</FieldError>
      </TextField>
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

function DeleteConfirm({
  model,
  controller,
  close,
}: {
  model: ModelDetails;
  controller: ModelsController;
  close(): void;
}) {
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
