import type { FormFields } from "../answers/index.ts";

/** The largest form body taken: the longest survey's texts fit many times over. */
export const FORM_BODY_LIMIT = 256 * 1024;

/** Whether the body is a plain HTML form post, the only kind the page reads. */
export function isUrlEncodedForm(contentType: string | undefined): boolean {
  const [mediaType = ""] = (contentType ?? "").split(";");
  return mediaType.trim().toLowerCase() === "application/x-www-form-urlencoded";
}

/** Every field with all its values, in the order sent, as parseAnswers expects. */
export function formFields(body: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(body)) {
    const values = fields.get(name);
    if (values) values.push(value);
    else fields.set(name, [value]);
  }
  return fields;
}

export function firstValue(form: FormFields, name: string): string | undefined {
  const value = form.get(name)?.[0]?.trim();
  return value ? value : undefined;
}
