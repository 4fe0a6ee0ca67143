"use client";
// A TextField whose value lives in a react-hook-form form: the form holds the value and focuses
// the field with the first problem; the caller words the problem, so it reads as a sentence.
import type { ComponentProps } from "react";
import { useController, type Control, type FieldValues, type Path } from "react-hook-form";
import { TextField } from "@/components/ui/text-field";

type Props<T extends FieldValues, Output> = Omit<ComponentProps<typeof TextField>, "value" | "onChange" | "onBlur" | "inputRef" | "name"> & {
  control: Control<T, unknown, Output>;
  name: Path<T>;
};

export function FormTextField<T extends FieldValues, Output = T>({ control, name, ...props }: Props<T, Output>) {
  const { field } = useController({ control, name });
  return <TextField {...props} name={field.name} value={(field.value as string | undefined) ?? ""} onChange={field.onChange} onBlur={field.onBlur} inputRef={field.ref} />;
}
