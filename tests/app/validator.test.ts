import { validateApp } from '../../src/appkit/validate';
import type { Problem } from '../../src/appkit/problem';
import { appWith, png, rgbPng, validTranslations } from './fixtures';

const errors = (problems: Problem[]) => problems.filter((p) => p.severity === 'error');
const warnings = (problems: Problem[]) => problems.filter((p) => p.severity === 'warning');

/** The one error a broken app must produce: its rule and (part of) its message. */
function expectOnlyError(problems: Problem[], rule: string, message: string | RegExp): void {
  const found = errors(problems);
  expect(found.map((p) => p.rule)).toEqual([rule]);
  if (typeof message === 'string') expect(found[0]!.message).toContain(message);
  else expect(found[0]!.message).toMatch(message);
}

describe('validateApp', () => {
  it('accepts a valid app with no problems at all', () => {
    expect(validateApp(appWith(), 50_000)).toEqual([]);
  });

  describe('manifest', () => {
    it('rejects an app without manifest.json, naming a nested one', () => {
      const app = appWith({ files: { 'manifest.json': null, 'myapp/manifest.json': '{}' } });
      expectOnlyError(validateApp(app), 'manifest.missing', /but myapp\/manifest\.json was found/);
      expectOnlyError(
        validateApp(appWith({ files: { 'manifest.json': null } })),
        'manifest.missing',
        /^Could not find manifest\.json$/,
      );
    });

    it('rejects a manifest that is not JSON or not an object', () => {
      expectOnlyError(
        validateApp(appWith({ files: { 'manifest.json': '{"name": ' } })),
        'manifest.json',
        /manifest is not proper JSON/,
      );
      expectOnlyError(
        validateApp(appWith({ files: { 'manifest.json': '[1]' } })),
        'manifest.json',
        /JSON object/,
      );
    });

    it('names every missing required field', () => {
      const app = appWith({
        manifest: (m) => {
          delete m.author;
          delete m.frameworkVersion;
        },
      });
      expectOnlyError(
        validateApp(app),
        'manifest.required',
        'Missing required fields in manifest: author, frameworkVersion',
      );
    });

    it('rejects fields of the wrong type', () => {
      expectOnlyError(
        validateApp(appWith({ manifest: (m) => (m.singleInstall = 'yes') })),
        'manifest.types',
        'singleInstall must be a boolean value, got ""yes""',
      );
      expectOnlyError(
        validateApp(appWith({ manifest: (m) => (m.version = 2) })),
        'manifest.types',
        'version must be a string, got "2"',
      );
      expectOnlyError(
        validateApp(appWith({ manifest: (m) => (m.domainWhitelist = 'example.com') })),
        'manifest.types',
        /domainWhitelist need to be an array containing strings/,
      );
    });

    it('rejects an author without a support email and a malformed author URL', () => {
      expectOnlyError(
        validateApp(
          appWith({ manifest: (m) => (m.author = { name: 'Ada', email: 'nope', url: 'https://x.com' }) }),
        ),
        'manifest.types',
        /author email/,
      );
      expectOnlyError(
        validateApp(
          appWith({ manifest: (m) => (m.author = { name: 'Ada', email: 'a@b.co', url: 'not a url' }) }),
        ),
        'manifest.urls',
        'author url must be a valid URL, got "not a url".',
      );
    });

    it('rejects an invalid default locale and one without its translation file', () => {
      expectOnlyError(
        validateApp(appWith({ manifest: (m) => (m.defaultLocale = 'english') })),
        'manifest.default_locale',
        'english is not a valid default locale.',
      );
      const problems = validateApp(appWith({ manifest: (m) => (m.defaultLocale = 'fr') }));
      expect(errors(problems).map((p) => p.message)).toContain("Missing translation file for locale 'fr'.");
    });

    it('rejects a framework version Zendesk does not serve', () => {
      expectOnlyError(
        validateApp(appWith({ manifest: (m) => (m.frameworkVersion = '1.0') })),
        'manifest.framework_version',
        '1.0 is not a valid framework version. Available versions are: 2.0.',
      );
    });

    it('rejects noTemplate and unknown experiments', () => {
      expectOnlyError(
        validateApp(appWith({ manifest: (m) => (m.noTemplate = true) })),
        'manifest.no_template',
        /noTemplate is deprecated/,
      );
      expectOnlyError(
        validateApp(appWith({ manifest: (m) => (m.experiments = { teleport: true }) })),
        'manifest.experiments',
        'Manifest specifies unknown or unavailable experiment: teleport',
      );
    });
  });

  describe('locations', () => {
    it('rejects unknown products and locations', () => {
      expectOnlyError(
        validateApp(
          appWith({
            manifest: (m) =>
              (m.location = {
                support: { ticket_sidebar: 'assets/index.html' },
                talk: { x: 'assets/index.html' },
              }),
          }),
        ),
        'location.host',
        'talk is an invalid host for apps.',
      );
      expectOnlyError(
        validateApp(
          appWith({
            manifest: (m) =>
              (m.location = {
                support: { ticket_sidebar: 'assets/index.html', side_car: 'assets/index.html' },
              }),
          }),
        ),
        'location.name',
        'side_car is an invalid location in Support.',
      );
    });

    it('rejects location URLs that are missing assets, plain HTTP or outside assets/', () => {
      for (const url of ['assets/missing.html', 'http://example.com/app.html', 'index.html']) {
        expectOnlyError(
          validateApp(appWith({ manifest: (m) => (m.location = { support: { ticket_sidebar: url } }) })),
          'location.url',
          `${url} is either an invalid location URI, refers to a missing asset, or does not use HTTPS.`,
        );
      }
      const ok = (url: string) =>
        validateApp(appWith({ manifest: (m) => (m.location = { support: { ticket_sidebar: url } }) }));
      expect(errors(ok('https://app.example.com/sidebar'))).toEqual([]);
      expect(errors(ok('http://localhost:4567/x.html'))).toEqual([]);
    });

    it('rejects a location without a URL and a non-boolean flexible', () => {
      expectOnlyError(
        validateApp(
          appWith({ manifest: (m) => (m.location = { support: { ticket_sidebar: { flexible: true } } }) }),
        ),
        'location.url',
        'ticket_sidebar location does not specify a URI.',
      );
      expectOnlyError(
        validateApp(
          appWith({
            manifest: (m) =>
              (m.location = { support: { ticket_sidebar: { url: 'assets/index.html', flexible: 'yes' } } }),
          }),
        ),
        'location.flexible',
        '"yes" is an invalid type for the flexible location parameter.',
      );
    });

    it('requires an icon for the nav bar', () => {
      expectOnlyError(
        validateApp(appWith({ files: { 'assets/icon_nav_bar.svg': null } })),
        'location.icon',
        'support.nav_bar is shown as an icon: add assets/icon_nav_bar.svg',
      );
    });
  });

  describe('parameters', () => {
    /** The parameters, each with a label so only parameter rules can fail. */
    const withParams = (parameters: unknown) => {
      const en = validTranslations() as { app: { parameters: Record<string, unknown> } };
      if (Array.isArray(parameters))
        for (const p of parameters as Array<{ name?: unknown }>)
          if (typeof p.name === 'string') en.app.parameters[p.name] = { label: p.name };
      return appWith({
        manifest: (m) => (m.parameters = parameters),
        files: { 'translations/en.json': JSON.stringify(en), 'translations/de.json': JSON.stringify(en) },
      });
    };

    it('requires an array of named parameters', () => {
      expectOnlyError(
        validateApp(withParams({ backend_url: {} })),
        'parameters.shape',
        'App parameters must be an array.',
      );
      expectOnlyError(
        validateApp(withParams([{ type: 'text' }])),
        'parameters.name',
        /parameters\[0\] needs a name/,
      );
      expectOnlyError(
        validateApp(withParams([{ name: 'has space' }])),
        'parameters.name',
        /letters, digits and underscores/,
      );
    });

    it('rejects duplicates and a parameter called name', () => {
      const dup = withParams([{ name: 'a' }, { name: 'a' }]);
      expect(errors(validateApp(dup)).map((p) => p.message)).toContain('Duplicate app parameters defined: a');
      expect(errors(validateApp(withParams([{ name: 'name' }]))).map((p) => p.message)).toContain(
        "Can't call a parameter 'name'",
      );
    });

    it('rejects unknown types, non-boolean flags and required hidden parameters', () => {
      expectOnlyError(
        validateApp(withParams([{ name: 'a', type: 'select' }])),
        'parameters.type',
        /^select is an invalid parameter type/,
      );
      expectOnlyError(
        validateApp(withParams([{ name: 'a', required: 'true' }])),
        'parameters.boolean',
        'parameters.a.required must be a boolean value, got ""true""',
      );
      expectOnlyError(
        validateApp(withParams([{ name: 'a', secure: 1 }])),
        'parameters.boolean',
        'parameters.a.secure must be a boolean value',
      );
      expectOnlyError(
        validateApp(withParams([{ name: 'a', type: 'hidden', required: true }])),
        'parameters.hidden',
        'a is set to hidden and cannot be required.',
      );
    });

    it('allows one oauth parameter, never secure', () => {
      const two = withParams([
        { name: 'a', type: 'oauth' },
        { name: 'b', type: 'oauth' },
      ]);
      expect(errors(validateApp(two)).map((p) => p.rule)).toContain('parameters.oauth');
      expectOnlyError(
        validateApp(withParams([{ name: 'a', type: 'oauth', secure: true }])),
        'parameters.oauth',
        'oauth parameter cannot be set to be secure.',
      );
    });

    it('warns about secrets not marked secure and defaults on secure parameters', () => {
      const problems = validateApp(
        withParams([
          { name: 'api_token', type: 'text' },
          { name: 'pin', type: 'text', secure: true, default: '1234' },
        ]),
      );
      expect(errors(problems)).toEqual([]);
      expect(warnings(problems).map((p) => p.rule)).toEqual(['parameters.secure', 'parameters.default']);
    });
  });

  describe('translations', () => {
    it('rejects a translation file with an invalid locale name, bad JSON or non-string values', () => {
      expectOnlyError(
        validateApp(appWith({ files: { 'translations/english.json': '{}' } })),
        'translations.locale',
        'translations/english.json is not a valid locale.',
      );
      expectOnlyError(
        validateApp(appWith({ files: { 'translations/de.json': '{"app": ' } })),
        'translations.json',
        /translations\/de\.json is not valid JSON/,
      );
      expectOnlyError(
        validateApp(appWith({ files: { 'translations/de.json': '["x"]' } })),
        'translations.json',
        'translations/de.json is not a JSON object.',
      );
      expectOnlyError(
        validateApp(appWith({ files: { 'translations/de.json': JSON.stringify({ ui: { count: 3 } }) } })),
        'translations.format',
        "translations/de.json: 'ui.count' is invalid for translation",
      );
    });

    it('requires the marketplace texts in English for a public app, only the name for a private one', () => {
      const en = {
        app: { name: 'X', parameters: { backend_url: { label: 'B' }, shared_secret: { label: 'S' } } },
      };
      const app = appWith({ files: { 'translations/en.json': JSON.stringify(en) } });
      expect(errors(validateApp(app)).map((p) => p.message)).toContain(
        'Missing required key from translations/en.json: short_description, long_description, installation_instructions',
      );
      const privateApp = appWith({
        manifest: (m) => (m.private = true),
        files: { 'translations/en.json': JSON.stringify(en) },
      });
      expect(errors(validateApp(privateApp)).filter((p) => p.rule === 'translations.required')).toEqual([]);
    });

    it('requires a label for every parameter in the default locale', () => {
      const en = validTranslationsWithout('shared_secret');
      expectOnlyError(
        validateApp(
          appWith({
            files: { 'translations/en.json': JSON.stringify(en), 'translations/de.json': JSON.stringify(en) },
          }),
        ),
        'translations.parameter_label',
        'translations/en.json has no app.parameters.shared_secret.label',
      );
    });

    it('warns when a locale lacks keys of the default locale', () => {
      const de = { app: { name: 'X' } };
      const problems = validateApp(appWith({ files: { 'translations/de.json': JSON.stringify(de) } }));
      expect(errors(problems)).toEqual([]);
      expect(warnings(problems)[0]!.message).toMatch(/^translations\/de\.json lacks 8 keys of en\.json/);
    });
  });

  describe('assets', () => {
    it('requires both logos at their exact sizes for a public app', () => {
      expectOnlyError(
        validateApp(appWith({ files: { 'assets/logo.png': null } })),
        'assets.logo',
        /Missing assets\/logo\.png: a 320×320 PNG/,
      );
      expectOnlyError(
        validateApp(appWith({ files: { 'assets/logo.png': png(300, 320) } })),
        'assets.logo',
        'assets/logo.png is 300×320 pixels; it must be exactly 320×320.',
      );
      expectOnlyError(
        validateApp(appWith({ files: { 'assets/logo-small.png': png(64, 64) } })),
        'assets.logo',
        'assets/logo-small.png is 64×64 pixels; it must be exactly 128×128.',
      );
      expectOnlyError(
        validateApp(appWith({ files: { 'assets/logo.png': 'GIF89a' } })),
        'assets.logo',
        'assets/logo.png must be a PNG file.',
      );
      const privateApp = appWith({
        manifest: (m) => (m.private = true),
        files: { 'assets/logo.png': null, 'assets/logo-small.png': null },
      });
      expect(errors(validateApp(privateApp))).toEqual([]);
    });

    it('requires transparency in the small logo', () => {
      expectOnlyError(
        validateApp(appWith({ files: { 'assets/logo-small.png': rgbPng(128, 128) } })),
        'assets.logo',
        'assets/logo-small.png must be a PNG-24 with transparency',
      );
    });

    it('allows at most three screenshots, each 1024×768', () => {
      const shots = (n: number) =>
        Object.fromEntries(
          Array.from({ length: n }, (_, i) => [`assets/screenshot-${i}.png`, png(1024, 768)]),
        );
      expect(errors(validateApp(appWith({ files: shots(3) })))).toEqual([]);
      expectOnlyError(
        validateApp(appWith({ files: shots(4) })),
        'assets.screenshots',
        '4 screenshots found; at most 3 are supported.',
      );
      expectOnlyError(
        validateApp(appWith({ files: { 'assets/screenshot-0.png': png(800, 600) } })),
        'assets.screenshots',
        'assets/screenshot-0.png is 800×600 pixels; it must be exactly 1024×768.',
      );
    });

    it('accepts a banner at 830×200 or twice that, nothing else', () => {
      expect(errors(validateApp(appWith({ files: { 'assets/banner.png': png(1660, 400) } })))).toEqual([]);
      expectOnlyError(
        validateApp(appWith({ files: { 'assets/banner.png': png(800, 200) } })),
        'assets.banner',
        'Invalid banner image dimensions. Must be 830x200px.',
      );
    });

    it('rejects SVGs with scripts or event handlers', () => {
      const dirty = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><path d="M0 0"/></svg>';
      expectOnlyError(
        validateApp(appWith({ files: { 'assets/icon_nav_bar.svg': dirty } })),
        'assets.svg',
        'assets/icon_nav_bar.svg contains invalid markup (an event handler attribute)',
      );
      const script = '<svg><script>alert(1)</script></svg>';
      expectOnlyError(
        validateApp(appWith({ files: { 'assets/icon_nav_bar.svg': script } })),
        'assets.svg',
        /a <script> element/,
      );
    });
  });

  describe('package', () => {
    it('rejects symlinks', () => {
      expectOnlyError(
        validateApp(appWith({ symlinks: ['assets/link.js'] })),
        'files.symlink',
        'Symlinks are not allowed in the zip file: assets/link.js',
      );
    });

    it('rejects archives and binaries by extension or by content', () => {
      expectOnlyError(
        validateApp(appWith({ files: { 'assets/data.zip': 'x' } })),
        'files.mime',
        'Unsupported MIME type detected in assets/data.zip.',
      );
      const pdf = Buffer.from('%PDF-1.7 ...');
      expectOnlyError(
        validateApp(appWith({ files: { 'assets/readme.txt': pdf } })),
        'files.mime',
        'Unsupported MIME type detected in assets/readme.txt.',
      );
    });

    it('rejects framework-1 code in an iframe app', () => {
      expectOnlyError(
        validateApp(appWith({ files: { 'app.js': 'x', 'templates/layout.hdbs': 'x' } })),
        'files.source',
        /app\.js, templates\/layout\.hdbs$/,
      );
    });

    it('rejects a package of 2 MB or more', () => {
      expectOnlyError(
        validateApp(appWith(), 2 * 1024 * 1024),
        'files.size',
        'The package is 2.00 MB zipped; Zendesk accepts less than 2.00 MB.',
      );
      expect(validateApp(appWith(), 2 * 1024 * 1024 - 1)).toEqual([]);
    });

    it('rejects a requirements.json that is not a JSON object', () => {
      expectOnlyError(
        validateApp(appWith({ files: { 'requirements.json': '[]' } })),
        'files.requirements',
        /must be a JSON object/,
      );
    });
  });
});

function validTranslationsWithout(param: string): Record<string, unknown> {
  const t = validTranslations() as { app: { parameters: Record<string, unknown> } };
  delete t.app.parameters[param];
  return t;
}
