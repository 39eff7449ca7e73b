#!/usr/bin/env node
// Runs the plugin's commands from the compiled lib/ without the sf CLI (npm run build first).
import { execute } from '@oclif/core';

await execute({ dir: import.meta.url });
