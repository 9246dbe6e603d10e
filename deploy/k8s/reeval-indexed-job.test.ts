/**
 * The Kubernetes manifest's own command lines, run as local processes: every shard of the Indexed
 * Job with its JOB_COMPLETION_INDEX, then the merge Job, on the bundled sample; the merged
 * results.json must equal a single `coinbot reeval`'s byte for byte.
 *
 * What a cluster provides is mapped, nothing else is changed: the image's /opt/coinbot is this
 * checkout (its `coinbot.js` is run as the source CLI through tsx, so the test does not depend on
 * a build), each volume is a temp folder (the ConfigMap's files written into its folder), and the
 * shared volume's data/ holds a copy of data/sample.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { cliInProcess } from '../../test-support/cli-in-process.js';
import { REPO_ROOT, SAMPLE_DATA_DIR } from '../../test-support/repo-paths.js';
import { tempDir } from '../../test-support/temp-dir.js';

const here = dirname(fileURLToPath(import.meta.url));
const IMAGE_ROOT = '/opt/coinbot';

interface Container {
  name: string;
  workingDir: string;
  command: string[];
  args: string[];
  volumeMounts: { name: string; mountPath: string }[];
}
interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string };
  configMap?: { name: string };
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec: {
    completionMode?: string;
    completions?: number;
    template: { spec: { containers: Container[]; volumes: Volume[] } };
  };
}

const docs = parseAllDocuments(readFileSync(join(here, 'reeval-indexed-job.yaml'), 'utf8')).map(
  (d) => d.toJS() as Manifest,
);
const jobs = docs.filter((d) => d.kind === 'Job');
const shardJob = jobs.find((j) => j.spec.completionMode === 'Indexed') as Manifest;
const mergeJob = jobs.find((j) => j !== shardJob) as Manifest;

/** Lays out the pod's volumes under `root` and returns a function mapping container paths to local ones. */
function podPaths(job: Manifest, root: string): (s: string) => string {
  const pod = job.spec.template.spec;
  const container = pod.containers[0] as Container;
  const mounts: [string, string][] = [[IMAGE_ROOT, REPO_ROOT]];
  for (const m of container.volumeMounts) {
    const v = pod.volumes.find((x) => x.name === m.name) as Volume;
    const local = join(root, v.persistentVolumeClaim?.claimName ?? (v.configMap?.name as string));
    mkdirSync(local, { recursive: true });
    const cm = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === v.configMap?.name);
    for (const [file, text] of Object.entries(cm?.data ?? {})) writeFileSync(join(local, file), text);
    mounts.push([m.mountPath, local]);
  }
  return (s) => {
    const hit = mounts.find(([from]) => s === from || s.startsWith(`${from}/`));
    return hit === undefined ? s : hit[1] + s.slice(hit[0].length);
  };
}

/** Runs a container's command line as a child process of the source CLI; resolves with its exit and output. */
function runContainer(
  job: Manifest,
  map: (s: string) => string,
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  const c = job.spec.template.spec.containers[0] as Container;
  expect(c.command).toEqual(['node', `${IMAGE_ROOT}/bin/coinbot.js`]);
  const argv = ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), ...c.args.map(map)];
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, argv, { cwd: map(c.workingDir), env: { ...process.env, ...env } });
    let out = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    p.stderr.on('data', (b: Buffer) => (out += b.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, out }));
  });
}

describe('deploy/k8s/reeval-indexed-job.yaml', () => {
  it('declares N once per side: completions equals the N of --shard env:JOB_COMPLETION_INDEX/N', () => {
    const args = (shardJob.spec.template.spec.containers[0] as Container).args;
    const spec = args[args.indexOf('--shard') + 1];
    expect(spec).toBe(`env:JOB_COMPLETION_INDEX/${shardJob.spec.completions}`);
    expect(mergeJob.spec.template.spec.containers[0]?.args[0]).toBe('merge');
    // No shell in the pods: nothing in the command lines may rely on $VAR expansion.
    for (const j of jobs) expect(JSON.stringify(j.spec.template.spec.containers)).not.toMatch(/\$/);
  });

  it('merges the Indexed Job shards run as separate processes into the results.json of a single run', async () => {
    const root = tempDir('k8s');
    const shardPath = podPaths(shardJob, root);
    const mergePath = podPaths(mergeJob, root);
    const shardArgs = (shardJob.spec.template.spec.containers[0] as Container).args;
    cpSync(SAMPLE_DATA_DIR, shardPath(shardArgs[shardArgs.indexOf('--data-dir') + 1] as string), { recursive: true });

    const n = shardJob.spec.completions as number;
    const shards = await Promise.all(
      Array.from({ length: n }, (_, k) => runContainer(shardJob, shardPath, { JOB_COMPLETION_INDEX: String(k) })),
    );
    for (const s of shards) expect(s.code, s.out).toBe(0);
    const merged = await runContainer(mergeJob, mergePath, {});
    expect(merged.code, merged.out).toBe(0);

    const reports = mergePath('/shared/reports');
    const runDir = readdirSync(reports).find((d) => /^\d{8}T\d{6}Z-/.test(d)) as string;
    const single = join(root, 'single');
    const singleArgs = shardArgs.map(shardPath).filter((_, i, a) => a[i] !== '--shard' && a[i - 1] !== '--shard');
    singleArgs[singleArgs.indexOf('--out') + 1] = single;
    const one = await cliInProcess([...singleArgs, '--json']);
    expect(one.code, one.stderr).toBe(0);
    const singleResults = (JSON.parse(one.stdout) as { paths: { results: string } }).paths.results;

    expect(readFileSync(join(reports, runDir, 'results.json'))).toEqual(readFileSync(singleResults));
    const run = JSON.parse(readFileSync(join(reports, runDir, 'run.json'), 'utf8')) as {
      commandLine: string;
      shards: { shard: string; commandLine: string }[];
    };
    expect(run.commandLine).toMatch(/^coinbot merge /);
    expect(run.shards.map((s) => s.shard)).toEqual(Array.from({ length: n }, (_, k) => `${k}/${n}`));
    for (const s of run.shards) expect(s.commandLine).toContain('--shard env:JOB_COMPLETION_INDEX/');
  }, 180_000);
});
