#!/usr/bin/env node
// Entry point for `coinbot` (npm bin and systemd ExecStart): runs the TypeScript CLI through tsx,
// so there is no build step that could leave a stale dist/ behind.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
