import type { Command } from 'commander';
import { registerMetrics } from './metrics';
import { registerImport } from './import';
import { registerGenerate } from './generate';
import { registerServe } from './serve';
import { registerTenant } from './tenant';
import { registerSync } from './sync';
import { registerApp } from './app';
import { registerDev } from './dev';
import { registerSimulate } from './simulate';

/** Each subcommand lives in its own file and registers itself here. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerMetrics,
  registerServe,
  registerTenant,
  registerImport,
  registerGenerate,
  registerSync,
  registerSimulate,
  registerApp,
  registerDev,
];
