/**
 * Optional webhook notifier (entries, exits, fatal errors, staleness, failed units). The URL
 * comes only from the environment (`COINBOT_WEBHOOK_URL`, typically from the 0600
 * `/etc/coinbot/secrets.env`), is registered as a secret at once, and never appears in logs or
 * errors. A failed post is reported to the caller, never thrown: alerts must not crash a trader.
 */
import { registerSecret, redact } from '../redact.js';

/** Sends one-line messages to a webhook. */
export interface Notifier {
  /** Posts `text`; resolves to null on success or a redacted one-line reason on failure. */
  notify(text: string): Promise<string | null>;
}

/** A notifier that drops every message (no webhook configured). */
export const SILENT_NOTIFIER: Notifier = { notify: async () => null };

/**
 * Builds a notifier from `env.COINBOT_WEBHOOK_URL`, or {@link SILENT_NOTIFIER} when unset.
 * The body carries the text as both `text` (Slack) and `content` (Discord).
 * @param timeoutMs abort a post after this long.
 */
export function webhookNotifierFromEnv(env: NodeJS.ProcessEnv = process.env, timeoutMs = 5_000): Notifier {
  const url = env.COINBOT_WEBHOOK_URL?.trim();
  if (!url) return SILENT_NOTIFIER;
  registerSecret(url);
  return {
    async notify(text: string): Promise<string | null> {
      const body = redact(text);
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: body, content: body }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        return res.ok ? null : `webhook answered HTTP ${res.status}`;
      } catch (e) {
        return redact(`webhook post failed: ${(e as Error).message}`);
      }
    },
  };
}
