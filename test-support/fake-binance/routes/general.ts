/** `GET /fapi/v1/ping` and `GET /fapi/v1/time` (server time from the fake clock). */
import type { RouteGroup } from '../router.js';

/** Ping and server time. */
export const generalRoutes: RouteGroup = [
  { method: 'GET', path: '/fapi/v1/ping', handle: () => ({ status: 200, json: {} }) },
  {
    method: 'GET',
    path: '/fapi/v1/time',
    handle: (_req, ctx) => ({ status: 200, json: { serverTime: ctx.clock.now() } }),
  },
];
