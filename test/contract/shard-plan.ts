// node test/contract/shard-plan.ts <bundle>: prints `shards=<JSON list>` for GitHub Actions' $GITHUB_OUTPUT, the
// shards the contract-shards job of .github/workflows/ci.yml runs for that spec (none below lib/shard.ts's threshold).
import { loadSpec } from "../helpers/bundled-spec.ts";
import { shardPlan } from "./lib/shard.ts";

const [bundle] = process.argv.slice(2);
if (!bundle) {
  console.error("usage: node test/contract/shard-plan.ts <bundled spec>");
  process.exit(2);
}
try {
  console.log(`shards=${JSON.stringify(shardPlan(loadSpec(bundle).operations().length))}`);
} catch (error) {
  console.error(`shard-plan: ${bundle}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
