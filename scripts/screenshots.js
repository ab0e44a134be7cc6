// Refreshes the README's screenshots in docs/screenshots/ by running the widget's browser
// tests that take them (test/e2e/widget.test.ts, "writes a screenshot"); a plain test run
// writes them to the ignored test-output/screenshots/ instead.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const run = (command, args, env = {}) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run(process.execPath, [path.join(root, 'scripts', 'build-widget.js')]);
run(process.execPath, [require.resolve('jest/bin/jest'), 'test/e2e/widget.test.ts', '-t', 'writes a screenshot'], {
  SCREENSHOTS_DIR: path.join(root, 'docs', 'screenshots'),
});
console.log('wrote docs/screenshots/widget-*.png');
