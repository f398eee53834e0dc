#!/usr/bin/env node
// Runs every benchmark in turn. Benchmarks print ratios against a baseline
// measured in the same run, so results compare across machines.
import { execFileSync } from 'node:child_process';

const benchmarks = ['reference-server/dist/bench/console-latency.js'];
for (const file of benchmarks) execFileSync(process.execPath, [file], { stdio: 'inherit' });
