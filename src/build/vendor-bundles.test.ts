import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../test-support/temp-dir.js';
import { leftoverImport, pointAtVendored } from './vendor-bundles.js';
import { vendoredVersions } from './vendored-packages.js';

describe('pointAtVendored', () => {
  it('points static and dynamic imports of the vendored packages at their bundles, relative to the module', () => {
    const code = 'import { z } from "zod";\nimport { Table } from "apache-arrow";\nconst m = await import("zod");\n';
    expect(pointAtVendored(code, '../../vendor')).toBe(
      'import { z } from "../../vendor/zod.js";\nimport { Table } from "../../vendor/apache-arrow.js";\nconst m = await import("../../vendor/zod.js");\n',
    );
    expect(pointAtVendored("import { z } from 'zod';", 'vendor')).toBe("import { z } from './vendor/zod.js';");
    expect(pointAtVendored('import "apache-arrow";\nexport * from "zod";', '..')).toBe(
      'import "../apache-arrow.js";\nexport * from "../zod.js";',
    );
  });

  it('leaves subpath imports, which the bundles do not hold, for the build to refuse by name', () => {
    expect(leftoverImport(pointAtVendored('import { z } from "zod/mini";', '../vendor'))).toBe('zod/mini');
    expect(leftoverImport('const t = await import("apache-arrow/table");')).toBe('apache-arrow/table');
    expect(leftoverImport(pointAtVendored('import { z } from "zod";', '../vendor'))).toBeUndefined();
  });

  it('leaves other packages, subpaths and look-alike names alone', () => {
    const code = 'import a from "zod/mini";\nimport b from "zodiac";\nimport c from "ccxt";\nconst s = "zod";\n';
    expect(pointAtVendored(code, '../vendor')).toBe(code);
  });
});

describe('vendoredVersions', () => {
  it('reads the version Node resolves, from the node_modules of a parent folder too, and says missing otherwise', () => {
    const root = tempDir('vendored-versions');
    const pkg = join(root, 'node_modules/zod');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'zod', version: '4.0.1' }));
    writeFileSync(join(pkg, 'index.js'), 'module.exports = {};\n');
    const project = join(root, 'checkout');
    mkdirSync(project, { recursive: true });
    expect(vendoredVersions(project)).toEqual({ zod: '4.0.1', 'apache-arrow': 'missing' });
  });
});
