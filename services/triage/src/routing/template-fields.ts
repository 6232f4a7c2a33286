/**
 * The fields of an issue template as GitLab leaves them in the description: a Markdown heading
 * (`### Package`) or a bold label (`**Version:** 9.4`) followed by what the reporter wrote.
 * Naming the field in a reason ("package cloud-init in the template field Package") tells the
 * reader the reporter chose it, which weighs more than a word in passing.
 */
export function templateFields(description: string): { name: string; value: string }[] {
  const fields: { name: string; value: string[] }[] = [];
  for (const line of description.split(/\r?\n/)) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line)?.[1];
    const [, boldName, boldValue] = /^\s*\*\*(.+?):?\*\*:?\s*(.*)$/.exec(line) ?? [];
    const last = fields.at(-1);
    if (heading !== undefined) fields.push({ name: heading, value: [] });
    else if (boldName !== undefined) fields.push({ name: boldName, value: boldValue ? [boldValue] : [] });
    else if (last && line.trim() !== "") last.value.push(line.trim());
  }
  return fields.filter((f) => f.value.length > 0).map((f) => ({ name: f.name.trim(), value: f.value.join("\n") }));
}
