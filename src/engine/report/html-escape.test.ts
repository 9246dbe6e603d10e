import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeScriptText, jsonForScript } from './html-escape.js';

describe('escaping', () => {
  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('writes JSON that cannot close a script element and parses back to the same value', () => {
    const value = { title: '</script><script>alert(1)</script><!--', sep: '\u2028', amp: 'a&b' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/<|>|&|\u2028/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('breaks every closing script tag in library code whatever its case', () => {
    const js = 'var a = "</script>"; var b = "</SCRIPT>"; var c = "</Script ";';
    const out = escapeScriptText(js);
    expect(out).not.toMatch(/<\/script/i);
    expect(out).toContain('<\\/script>');
    expect(out).toContain('<\\/SCRIPT');
  });
});
