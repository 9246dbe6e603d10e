/**
 * Escaping for the report pages: text into HTML, JSON into an inline `<script>` block, and
 * third-party JavaScript into an inline `<script>`. Pure.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/**
 * JSON for an inline `<script type="application/json">`: `<`, `>`, `&` and the JS line
 * separators are written as `\uXXXX`, so no data can close the script element or open a
 * comment, and `JSON.parse` of the element's text gives back `value` exactly.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Makes library code safe to inline in a `<script>` element: every `</script` (any case)
 * becomes `<\/script`, which means the same inside JS strings, templates and regexes.
 */
export function escapeScriptText(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1');
}
