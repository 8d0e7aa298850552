#!/usr/bin/env node
// Runs the published build when there is one, else the TypeScript sources through tsx (workspace use).
let mod;
try {
  mod = await import('../dist/typegen/typegen-cli.js');
} catch {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import('../src/typegen/typegen-cli.ts');
}
await mod.typegenMain(process.argv.slice(2));
