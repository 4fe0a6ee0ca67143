"use client";
// A TextField whose value lives in a react-hook-form form: the form holds the value and focuses
// the field with the first problem; the caller words the problem, so it reads as a sentence.
// The server renders the form's default value, so the page shows it before its JavaScript runs;
// text typed into the field in that moment is taken into the form when the page comes alive.
import { useCallback, useRef, type ComponentProps } from "react";
import { useController, type Control, type FieldValues, type Path } from "react-hook-form";
import { TextField } from "@/components/ui/text-field";

type Props<T extends FieldValues, Output> = Omit<ComponentProps<typeof TextField>, "value" | "onChange" | "onBlur" | "inputRef" | "name"> & {
  control: Control<T, unknown, Output>;
  name: Path<T>;
};

export function FormTextField<T extends FieldValues, Output = T>({ control, name, ...props }: Props<T, Output>) {
  const { field } = useController({ control, name });
  const { ref, onChange } = field;
  const attached = useRef(false);
  const inputRef = useCallback(
    (input: HTMLInputElement | null) => {
      ref(input);
      if (!input || attached.current) return;
      attached.current = true;
      // The server rendered the default value; a different one was typed before hydration.
      if (input.value !== input.defaultValue) onChange(input.value);
    },
    [ref, onChange],
  );
  return <TextField {...props} name={field.name} value={(field.value as string | undefined) ?? ""} onChange={onChange} onBlur={field.onBlur} inputRef={inputRef} />;
}
