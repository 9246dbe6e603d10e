import { describe, expect, it } from 'vitest';
import { instructionsOf, perSetOf } from '../bench/sweep-instructions.js';

const VALGRIND_TAIL = `==7443== NOTE: further instances of this message will not be shown
==7443==
==7443== I   refs:      8,582,403,679
`;

describe('sweep-instructions (bench)', () => {
  it("reads the instruction total from valgrind's I refs line", () => {
    expect(instructionsOf(VALGRIND_TAIL)).toBe(8_582_403_679);
  });

  it('refuses output without an I refs line, quoting its end', () => {
    expect(() => instructionsOf('==1== valgrind: failed to start tool')).toThrow(/no "I refs" line.*failed to start/);
  });

  it('gives the warm passes per set: the 4-pass count minus the 2-pass count over 2 × sets', () => {
    expect(perSetOf(8_000_000_000, 11_000_000_000, 300)).toBe(5_000_000);
  });

  it('refuses a longer run that counted no more instructions', () => {
    expect(() => perSetOf(9e9, 9e9, 300)).toThrow(/counted no more/);
    expect(() => perSetOf(8e9, 9e9, 0)).toThrow(/counted no more/);
  });
});
