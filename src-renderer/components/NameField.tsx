// A name typed into a form, checked with the API's own schema before it is
// sent: a refusal is shown under the field in plain words, announced, and the
// typed value stays for the user to correct.
import type { Ref } from 'react';
import { FieldError, Input, Label, TextField } from 'react-aria-components';
import type { z } from 'zod';

/** Why `schema` refuses `value`, as a sentence, or null when it accepts it. */
export function schemaProblem(schema: z.ZodType, value: string): string | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : sentence(parsed.error.issues[0]?.message ?? 'This cannot be used');
}

/** A message as a sentence ("a model named x exists" → "A model named x exists."). */
export const sentence = (message: string): string =>
  `${message.charAt(0).toUpperCase()}${message.slice(1)}${/[.!?]$/.test(message) ? '' : '.'}`;

export function NameField({
  label,
  value,
  onChange,
  problem,
  inputRef,
  placeholder,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  /** Why the name was refused, or null. */
  problem: string | null;
  inputRef?: Ref<HTMLInputElement>;
  placeholder?: string;
  autoFocus?: boolean;
}) {
  return (
    <TextField value={value} onChange={onChange} isInvalid={problem !== null} autoFocus={autoFocus}>
      <Label>{label}</Label>
      <Input ref={inputRef} placeholder={placeholder} />
      <FieldError className="react-aria-FieldError field-error">{problem}</FieldError>
    </TextField>
  );
}
