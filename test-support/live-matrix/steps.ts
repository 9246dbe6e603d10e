/**
 * The steps of a trade at which the matrix strikes (kill, stop, network failure): each is a
 * predicate on a request the fake receives. Order POSTs carry their parameters in the form body,
 * which the fake merges into `params`.
 */
import type { FakeBinance } from '../fake-binance/index.js';

/** What a step predicate sees of a request. */
export interface StepRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
}

/** A step of the scenario. */
export interface MatrixStep {
  readonly name: string;
  /** The path whose requests mark the step (network faults are injected there). */
  readonly path: string;
  /** Does this request mark the step? */
  matches(r: StepRequest, fake: FakeBinance): boolean;
}

const ORDER = '/fapi/v1/order';
const isPost = (r: StepRequest): boolean => r.method === 'POST' || r.params.side !== undefined;
const cid = (r: StepRequest): string => r.params.newClientOrderId ?? r.params.clientAlgoId ?? '';

/** Has the fake booked a fill of an entry (non-reduce-only order of ours)? */
export function entryFilled(fake: FakeBinance): boolean {
  const entries = new Set(fake.book.orders.filter((o) => o.clientOrderId.endsWith('-e')).map((o) => o.orderId));
  return fake.trades().some((t) => entries.has(t.orderId));
}

/** The five steps, in trade order. */
export const STEPS: readonly MatrixStep[] = [
  {
    name: 'entry sent',
    path: ORDER,
    matches: (r) => r.path === ORDER && isPost(r) && cid(r).endsWith('-e'),
  },
  {
    name: 'entry filled',
    path: '/fapi/v2/positionRisk',
    matches: (r, fake) => r.path.startsWith('/fapi/') && r.path !== '/fapi/v1/time' && entryFilled(fake),
  },
  {
    name: 'stop sent',
    path: '/fapi/v1/algoOrder',
    matches: (r) => r.path === '/fapi/v1/algoOrder' && isPost(r) && r.params.type === 'STOP_MARKET',
  },
  {
    name: 'take-profit sent',
    path: ORDER,
    matches: (r) => r.path === ORDER && isPost(r) && r.params.type === 'LIMIT' && r.params.reduceOnly === 'true',
  },
  {
    name: 'exit sent',
    path: ORDER,
    matches: (r) => r.path === ORDER && isPost(r) && r.params.type === 'MARKET' && r.params.reduceOnly === 'true',
  },
];
