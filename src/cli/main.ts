#!/usr/bin/env node
import { VERSION } from 'massage-triage';

const args = process.argv.slice(2);
if (args.includes('--version')) process.stdout.write(`${VERSION}\n`);
else process.stdout.write('massage-triage: the command line is not built yet.\n');
