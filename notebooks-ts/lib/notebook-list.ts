/**
 * Every notebook, in the order `npm run notebooks` runs them. A notebook is a top-level
 * `notebooks-ts/<name>.ts`; the smoke test fails when a file there is missing from this list.
 */
export const NOTEBOOKS = ['cache-quality', 'cost-wall', 'stability', 'btc-vs-eth'] as const;
