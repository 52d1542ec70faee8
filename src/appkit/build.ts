import path from 'node:path';
import webpack from 'webpack';
import { appWebpackConfig, type AppBuildOptions } from '../../webpack.config';

export interface BuildResult {
  outDir: string;
  ms: number;
  /**
   * Files (relative to outDir) of each named chunk group: 'main' (the entry every frame
   * loads), each location ('ticket_sidebar', …) and each locale ('locale-en-json', …), the
   * lazy ones with the shared chunks they pull in.
   */
  groups: Record<string, string[]>;
}

/** Runs the webpack build of webpack.config.ts (what `npm run build` does) in this process. */
export async function buildApp(opts: Partial<AppBuildOptions> = {}): Promise<BuildResult> {
  const config = appWebpackConfig({ mode: opts.mode ?? 'production', ...opts });
  const started = performance.now();
  const stats = await new Promise<webpack.Stats>((resolve, reject) => {
    const compiler = webpack(config);
    compiler.run((err, result) => {
      compiler.close(() => undefined);
      if (err || !result) reject(err ?? new Error('webpack produced no stats'));
      else resolve(result);
    });
  });
  if (stats.hasErrors()) {
    const messages = stats.toJson({ all: false, errors: true }).errors ?? [];
    throw new Error(`the app build failed:\n${messages.map((e) => e.message).join('\n')}`);
  }
  const json = stats.toJson({ all: false, chunkGroups: true });
  const groups = Object.fromEntries(
    Object.entries(json.namedChunkGroups ?? {}).map(([name, group]) => [
      name,
      (group.assets ?? []).map((a) => a.name).filter((f) => f.endsWith('.js')),
    ]),
  );
  return { outDir: path.resolve(config.output!.path!), ms: performance.now() - started, groups };
}
