/** `GET /fapi/v1/exchangeInfo`: the real capture, served byte for byte. */
import type { RouteGroup } from '../router.js';

/** The exchangeInfo endpoint. */
export const exchangeInfoRoutes: RouteGroup = [
  {
    method: 'GET',
    path: '/fapi/v1/exchangeInfo',
    handle: (_req, ctx) => ({
      status: 200,
      raw: ctx.exchangeInfoText,
      headers: { 'content-type': 'application/json' },
    }),
  },
];
