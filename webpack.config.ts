/**
 * Builds the Zendesk app: app/ (React) into dist/assets/, plus manifest, translations and
 * assets copied into dist/ – the folder `zcli apps:server dist` serves and packaging zips.
 */
import path from 'node:path';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import { EsbuildPlugin } from 'esbuild-loader';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import webpack from 'webpack';
import type { Configuration } from 'webpack';

export interface AppBuildOptions {
  mode: 'production' | 'development';
  /** Where the app folder goes; default dist/. */
  outDir?: string;
  /**
   * Backend domains added to manifest.json's domainWhitelist (Zendesk's proxy only sends secure
   * settings there). Default: PULSE_BACKEND_DOMAINS, comma-separated.
   */
  backendDomains?: string[];
}

const ROOT = __dirname;

/** Files in dist/ that zcli and our packager leave out of the zip: local settings hold secrets. */
const ZCLIIGNORE = 'zcli.apps.config.json\n';

function withDomains(manifestJson: Buffer, domains: string[]): string {
  const manifest = JSON.parse(manifestJson.toString('utf8')) as { domainWhitelist?: string[] };
  const whitelist = new Set([...(manifest.domainWhitelist ?? []), ...domains]);
  return `${JSON.stringify({ ...manifest, domainWhitelist: [...whitelist] }, null, 2)}\n`;
}

/** Writes a file into the output that no loader produces. */
class EmitFilePlugin {
  constructor(
    private readonly name: string,
    private readonly content: string,
  ) {}
  apply(compiler: webpack.Compiler): void {
    compiler.hooks.thisCompilation.tap('EmitFilePlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'EmitFilePlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => compilation.emitAsset(this.name, new webpack.sources.RawSource(this.content)),
      );
    });
  }
}

export function appWebpackConfig(opts: AppBuildOptions): Configuration {
  const outDir = path.resolve(opts.outDir ?? path.join(ROOT, 'dist'));
  const domains =
    opts.backendDomains ??
    (process.env.PULSE_BACKEND_DOMAINS ?? '')
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean);
  const isProduction = opts.mode === 'production';
  return {
    mode: opts.mode,
    context: ROOT,
    entry: { main: './app/index.tsx' },
    output: {
      path: outDir,
      filename: 'assets/[name].[contenthash:8].js',
      chunkFilename: 'assets/[name].[contenthash:8].js',
      // Scripts load relative to assets/index.html, wherever Zendesk hosts the assets.
      publicPath: 'auto',
      clean: true,
    },
    resolve: { extensions: ['.tsx', '.ts', '.js', '.json'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          loader: 'esbuild-loader',
          exclude: /node_modules/,
          options: { target: 'es2020', jsx: 'automatic' },
        },
      ],
    },
    devtool: isProduction ? false : 'eval-cheap-module-source-map',
    optimization: {
      minimizer: [new EsbuildPlugin({ target: 'es2020', css: false })],
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({ template: './app/index.html', filename: 'assets/index.html' }),
      new CopyWebpackPlugin({
        patterns: [
          {
            from: 'manifest.json',
            to: 'manifest.json',
            transform: (content) => withDomains(content, domains),
          },
          { from: 'translations/*.json', to: '[path][name][ext]' },
          { from: 'assets', to: 'assets', globOptions: { ignore: ['**/help-center/**'] } },
          { from: 'zcli.apps.config.json', to: 'zcli.apps.config.json', noErrorOnMissing: true },
        ],
      }),
      new EmitFilePlugin('.zcliignore', ZCLIIGNORE),
    ],
    stats: 'errors-warnings',
  };
}

export default (_env: unknown, argv: { mode?: 'production' | 'development' }): Configuration =>
  appWebpackConfig({ mode: argv.mode ?? 'production' });
