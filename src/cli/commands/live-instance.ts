/**
 * `coinbot live --instance shadow`: a second, paper-only trader beside the live unit that runs
 * a candidate set before it gets money. It reads its parameters only from `--params` (never the
 * process environment, where the live unit's EnvironmentFile may be loaded), refuses
 * `--mode real`, and its state, journal, log lines and alerts all carry the instance name
 * (`ETH-paper-shadow.json`, `"instance":"shadow"`, `coinbot ETH/USDT:USDT paper [shadow]: …`).
 * The default instance (no `--instance`) is unchanged.
 */
import { ConfigError } from '../../engine/errors.js';
import type { LiveMode } from '../../engine/live/live-state.js';
import type { Notifier } from '../../engine/ops/webhook-notifier.js';

/** The instance names `coinbot live --instance` accepts. */
export const LIVE_INSTANCES = ['shadow'] as const;

/** A non-default live instance. */
export type LiveInstance = (typeof LIVE_INSTANCES)[number];

/**
 * Checks the flags of an instance and returns the environment the configuration is read from:
 * the process environment for the default instance, none (only the `--params` file) for a shadow.
 * @throws ConfigError (exit 78) for `--mode real` or a missing `--params` on a shadow.
 */
export function instanceEnv(
  instance: LiveInstance | undefined,
  mode: LiveMode,
  params: string | undefined,
  env: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv {
  if (instance === undefined) return env;
  if (mode === 'real')
    throw new ConfigError(
      `--instance ${instance} runs paper only: drop --mode real (promote the set with coinbot promote to trade it)`,
    );
  if (params === undefined)
    throw new ConfigError(
      `--instance ${instance} needs --params <candidate file>, e.g. --params /etc/coinbot/ETH.candidate.env`,
    );
  return {};
}

/** The notifier of an instance: every message tagged `[shadow]` so nobody mistakes it for the live unit. */
export function instanceNotifier(instance: LiveInstance | undefined, notifier: Notifier): Notifier {
  if (instance === undefined) return notifier;
  const tag = (text: string) =>
    /^coinbot \S+ \S+?:/.test(text)
      ? text.replace(/^(coinbot \S+ \S+?):/, `$1 [${instance}]:`)
      : `[${instance}] ${text}`;
  return { notify: (text) => notifier.notify(tag(text)) };
}
