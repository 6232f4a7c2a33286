/**
 * The fields of an issue template as GitLab leaves them in the description: a Markdown heading
 * (`### Package`) or a bold label (`**Version:** 9.4`) followed by what the reporter wrote.
 * Naming the field in a reason ("package cloud-init in the template field Package") tells the
 * reader the reporter chose it, which weighs more than a word in passing.
 */
export function templateFields(description: string): { name: string; value: string }[] {
  const fields: { name: string; value: string[] }[] = [];
  for (const line of description.split(/\r?\n/)) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    const bold = /^\s*\*\*(.+?):?\*\*:?\s*(.*)$/.exec(line);
    if (heading) fields.push({ name: heading[1]!, value: [] });
    else if (bold) fields.push({ name: bold[1]!, value: bold[2] ? [bold[2]] : [] });
    else if (fields.length > 0 && line.trim() !== "") fields.at(-1)!.value.push(line.trim());
  }
  return fields.filter((f) => f.value.length > 0).map((f) => ({ name: f.name.trim(), value: f.value.join("\n") }));
}
