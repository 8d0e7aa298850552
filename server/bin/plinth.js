#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, in this process (so signals reach it directly).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
