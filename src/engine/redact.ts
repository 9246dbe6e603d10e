/**
 * Secret redaction. Every secret coinbot reads (API key and secret, webhook URL) is registered
 * here the moment it is read; every line coinbot prints, logs or writes into a report passes
 * through {@link redact}. Webhook URLs and `signature=`/`X-MBX-APIKEY` fragments are scrubbed
 * even when they were never registered.
 */

const secrets = new Set<string>();

/** Registers a secret value so {@link redact} replaces it everywhere. Values under 6 chars are ignored (too likely to hit ordinary text). */
export function registerSecret(value: string | undefined): void {
  if (value !== undefined && value.length >= 6) secrets.add(value);
}

const PATTERNS: readonly RegExp[] = [
  /https:\/\/hooks\.slack\.com\/services\/[^\s"'<>]+/g,
  /https:\/\/(?:canary\.|ptb\.)?discord(?:app)?\.com\/api\/webhooks\/[^\s"'<>]+/g,
  /(signature=)[0-9a-fA-F]{16,}/g,
  /(X-MBX-APIKEY["']?\s*[:=]\s*["']?)[A-Za-z0-9]{16,}/gi,
  /(api[_-]?(?:key|secret)["']?\s*[:=]\s*["']?)[A-Za-z0-9]{16,}/gi,
];

/** Returns `text` with every registered secret and known secret pattern replaced by `[REDACTED]`. */
export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('[REDACTED]');
  for (const re of PATTERNS)
    out = out.replace(re, (_m, prefix?: string) => `${typeof prefix === 'string' ? prefix : ''}[REDACTED]`);
  return out;
}

/** Forgets every registered secret (tests only). */
export function clearSecretsForTests(): void {
  secrets.clear();
}
