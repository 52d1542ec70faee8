/**
 * The Zendesk simulator: a generated tenant served through Zendesk's REST API shapes.
 * `startSimulator` builds the tenant from the generator (seed, scale) and listens.
 */
import { generatorSource } from './source';
import { startSimulatorFrom } from './start';
import type { RunningSimulator, SimulatorOptions, SimulatorStats } from './start';

export type { RunningSimulator, SimulatorOptions, SimulatorStats } from './start';
export { startSimulatorFrom } from './start';
export { basicAuthHeader } from './server';

export async function startSimulator(
  opts: SimulatorOptions,
): Promise<RunningSimulator & { stats: SimulatorStats }> {
  return startSimulatorFrom(generatorSource(opts.seed, opts.scale), opts);
}
