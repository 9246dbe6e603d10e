/**
 * A progress bar on stderr when it is a TTY (cli-progress); silent otherwise, so logs and CI
 * output stay clean.
 */
import cliProgress from 'cli-progress';

/** Updates one bar per label (e.g. per symbol). */
export interface ProgressReporter {
  update(label: string, done: number, total: number): void;
  stop(): void;
}

/** @param enabled false forces silence (e.g. with --json). */
export function progressReporter(enabled: boolean): ProgressReporter {
  if (!enabled || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const multi = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: ' {label} [{bar}] {value}/{total} sets  {duration}s',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    update(label, done, total) {
      let bar = bars.get(label);
      if (bar === undefined) {
        bar = multi.create(total, 0, { label });
        bars.set(label, bar);
      }
      bar.setTotal(total);
      bar.update(done, { label });
    },
    stop() {
      multi.stop();
    },
  };
}
