// An entry bundled for the browser as the size figures weigh it (esbuild: ESM, minified, tree-shaken, ES2022, no legal
// comments): bench/run.ts's size section gzips it; test/client/linked-features.test.ts reads which runtime parts it
// holds.
import path from "node:path";
import { build, type Plugin } from "esbuild";
import { projectRoot } from "../scripts/lib/cli/run-tools.ts";

export interface BundleOptions {
  /** Where the entry's imports resolve from. Default: the project root. */
  resolveDir?: string;
  /** A folder whose client.ts and features.ts replace those of Kirim's generated/ that src/ imports. */
  generated?: string;
}

/** The minified bundle of `source` (an entry given as TypeScript text). */
export async function browserBundle(source: string, { resolveDir = projectRoot, generated }: BundleOptions = {}) {
  const fromSrc = path.join(projectRoot, "src") + path.sep;
  const swap: Plugin = {
    name: "other-generated",
    setup(bundle) {
      bundle.onResolve({ filter: /\/generated\/(client|features)\.js$/ }, (args) =>
        generated && args.importer.startsWith(fromSrc)
          ? { path: path.join(generated, path.basename(args.path).replace(/\.js$/, ".ts")) }
          : undefined,
      );
    },
  };
  const result = await build({
    plugins: [swap],
    stdin: { contents: source, loader: "ts", resolveDir },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.contents;
}
