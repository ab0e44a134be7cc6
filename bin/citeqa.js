#!/usr/bin/env node
// The citeqa command line; the code is compiled to dist/ by "npm run build" (run by npm install).
try {
  require.resolve('../dist/cli/main.js');
} catch {
  process.stderr.write('citeqa: not built yet: run "npm run build" in the citeqa package\n');
  process.exit(1);
}
require('../dist/cli/main.js').main();
