/** `GET /fapi/v1/ping` and `GET /fapi/v1/time` (server time: the fake clock plus the harsh `clockSkewMs`). */
import { serverTime } from '../harsh-options.js';
import type { RouteGroup } from '../router.js';

/** Ping and server time. */
export const generalRoutes: RouteGroup = [
  { method: 'GET', path: '/fapi/v1/ping', handle: () => ({ status: 200, json: {} }) },
  {
    method: 'GET',
    path: '/fapi/v1/time',
    handle: (_req, ctx) => ({ status: 200, json: { serverTime: serverTime(ctx) } }),
  },
];
