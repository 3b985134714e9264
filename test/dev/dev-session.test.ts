import { expect, onTestFinished, test } from "vitest";
import { parse } from "yaml";
import { openDevSession } from "../../scripts/lib/pipeline/dev-session.ts";
import { copyProject, folderContents } from "../helpers/project-copy.ts";

const customer = "openapi/components/schemas/Customer.yaml";

test("lint failure, typecheck failure, fix, and a lint config change, in one session", async () => {
  const copy = await copyProject();
  onTestFinished(() => copy.remove());
  // A project whose code lists every Customer field: a new field in the spec is then a type error in use.ts.
  const fields = Object.keys((parse(await copy.read(customer)) as { properties: object }).properties);
  const use = (names: string[]) =>
    `import type { components } from "./generated/kirim-api.ts";\n` +
    `export const known: Record<keyof components["schemas"]["Customer"], true> = { ${names.map((name) => `${name}: true`).join(", ")} };\n`;
  await copy.write("use.ts", use(fields));
  await copy.write(
    "tsconfig.json",
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        types: [],
        module: "NodeNext",
        allowImportingTsExtensions: true,
        skipLibCheck: true,
      },
      include: ["generated", "use.ts"],
    }),
  );
  const session = await openDevSession(copy.dir);
  expect(await session.save()).toMatchObject({ ok: true, changed: [] });
  const committed = await folderContents(copy.file("generated"));

  // A property without a description: lint fails at its line; generated/ untouched.
  await copy.edit(customer, "  team_id:\n", "  nickname:\n    type: string\n  team_id:\n");
  const lintFailed = await session.save();
  expect(lintFailed).toMatchObject({ ok: false, stage: "lint", changed: [] });
  expect(lintFailed.ok || lintFailed.message).toMatch(
    /^openapi\/components\/schemas\/Customer\.yaml:\d+:\d+ {2}error {2}rule\/schema-property-has-description {2}/m,
  );
  expect(await folderContents(copy.file("generated"))).toEqual(committed);

  // Described, it lints and generates, and the project's own code no longer type-checks.
  await copy.edit(
    customer,
    "  nickname:\n    type: string\n",
    "  nickname:\n    type: string\n    description: Short name.\n",
  );
  const typeFailed = await session.save();
  expect(typeFailed).toMatchObject({ ok: false, stage: "typecheck" });
  expect(typeFailed.ok || typeFailed.message).toMatch(
    /^use\.ts\(2,\d+\): error TS2741: Property 'nickname' is missing/m,
  );
  expect(typeFailed.changed).toContain("kirim-api.ts");
  expect(await copy.read("generated/kirim-api.ts")).toContain("nickname?: string;");

  await copy.write("use.ts", use([...fields, "nickname"]));
  expect(await session.save()).toMatchObject({ ok: true, changed: [] });

  // The lint config is read once; a change to it counts after reloadConfig.
  await copy.edit(customer, "    description: Short name.\n", "");
  expect(await session.save()).toMatchObject({ ok: false, stage: "lint" });
  await copy.edit(
    "redocly.yaml",
    "    message: Every schema property must have a description.\n",
    "    message: Every schema property must have a description.\n    severity: off\n",
  );
  expect(await session.save()).toMatchObject({ ok: false, stage: "lint" });
  await session.reloadConfig();
  expect(await session.save()).toMatchObject({ ok: true });
});
