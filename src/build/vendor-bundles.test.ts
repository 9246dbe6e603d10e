import { describe, expect, it } from 'vitest';
import { pointAtVendored } from './vendor-bundles.js';

describe('pointAtVendored', () => {
  it('points static and dynamic imports of the vendored packages at their bundles, relative to the module', () => {
    const code = 'import { z } from "zod";\nimport { Table } from "apache-arrow";\nconst m = await import("zod");\n';
    expect(pointAtVendored(code, '../../vendor')).toBe(
      'import { z } from "../../vendor/zod.js";\nimport { Table } from "../../vendor/apache-arrow.js";\nconst m = await import("../../vendor/zod.js");\n',
    );
    expect(pointAtVendored("import { z } from 'zod';", 'vendor')).toBe("import { z } from './vendor/zod.js';");
  });

  it('leaves other packages, subpaths and look-alike names alone', () => {
    const code = 'import a from "zod/mini";\nimport b from "zodiac";\nimport c from "ccxt";\nconst s = "zod";\n';
    expect(pointAtVendored(code, '../vendor')).toBe(code);
  });
});
