/**
 * `npx ts-node engine/provider/install-cli.ts [PULUMI_HOME]`: installs the stand-in plugins into PULUMI_HOME
 * (the argument, else $PULUMI_HOME, else ~/.pulumi) and prints where.
 */
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { installStandInPlugins } from "./install";

const home = resolve(process.argv[2] ?? process.env.PULUMI_HOME ?? join(homedir(), ".pulumi"));
try {
    for (const p of installStandInPlugins(home)) console.log(`stand-in pulumi-resource-${p.name} ${p.version} (no cloud, nothing deployed): ${p.executable}`);
} catch (e) {
    console.error(`could not install the stand-in plugins into ${home}: ${(e as Error).message}`);
    process.exit(2);
}
