// Bundles the chat widget (src/widget) for browsers into dist/public/widget.js.
const { build } = require('esbuild');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
build({
  entryPoints: [path.join(root, 'src/widget/index.ts')],
  outfile: path.join(root, 'dist/public/widget.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  minify: true,
  sourcemap: true,
  // The client falls back to the `ws` package only in Node; browsers have WebSocket.
  external: ['ws'],
  legalComments: 'none',
  logLevel: 'warning',
}).catch(() => process.exit(1));
