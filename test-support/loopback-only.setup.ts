/**
 * Vitest setup for every test file: refuses any outbound TCP connection that does not go to
 * the loopback range, so no test can reach a real exchange. A refused attempt is recorded on
 * `globalThis.__coinbotBlockedConnections` and throws, failing the test that tried.
 */
import net from 'node:net';

const blocked: string[] = [];
(globalThis as { __coinbotBlockedConnections?: string[] }).__coinbotBlockedConnections = blocked;

function isLoopback(host: string | undefined): boolean {
  if (host === undefined || host === '' || host === 'localhost') return true;
  return host.startsWith('127.') || host === '::1' || host === '[::1]';
}

const original = net.Socket.prototype.connect;
net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  let host: string | undefined;
  let path: string | undefined;
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    host = (first as net.TcpNetConnectOpts).host;
    path = (first as net.IpcNetConnectOpts).path;
  } else if (Array.isArray(first)) {
    const o = first[0] as { host?: string; path?: string } | undefined;
    host = o?.host;
    path = o?.path;
  } else if (typeof args[1] === 'string') {
    host = args[1];
  }
  if (path === undefined && !isLoopback(host)) {
    blocked.push(String(host));
    throw new Error(`test tried to connect to ${String(host)}: only loopback is allowed in tests`);
  }
  return (original as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
