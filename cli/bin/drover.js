#!/usr/bin/env node
// The `drover` bin: runs the TypeScript CLI (cli/main.ts) in this process through tsx's loader,
// so there is no build step and no second Node process to start. tsx caches what it compiles.
import { register } from 'tsx/esm/api';

register();
await import('../main.ts');
