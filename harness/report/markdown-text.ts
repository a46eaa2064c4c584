/** Text safe inside a Markdown table cell or list item: no pipes, no raw HTML, one line ("->" stays readable raw). */
export const escapeCell = (text: string): string => text.replaceAll("<", "&lt;").replaceAll("|", "\\|").replaceAll("`", "'").replace(/\r?\n/g, " ");
