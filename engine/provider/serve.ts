/**
 * Starts one stand-in plugin (`aws` or `tls`) as the engine expects: `main` from @pulumi/pulumi/provider
 * prints the gRPC port on stdout and serves until the engine stops it. The version reported is the pinned
 * SDK package's, so the engine's plugin lookup and the plugin agree.
 */
import { main } from "@pulumi/pulumi/provider";
import { configuredAccount, describeConfigure } from "./account-guard";
import { ec2Kinds } from "./catalog-ec2";
import { otherKinds } from "./catalog-other";
import { engineLogger } from "./engine-log";
import type { ProviderSettings, ResourceKind } from "./kind";
import { defaultRegistryFile, fileRegistry } from "./network-registry";
import { engineAddress, hookServer } from "./serve-hooks";
import { createStandInProvider } from "./stand-in";
import { tlsPrivateKeyKind } from "./tls-kind";
import type { Props } from "./wire";

/** The provider's config as Configure sends it: objects come JSON-encoded from the Node.js SDK's provider classes. */
export function settingsFromConfigure(args: Props, variables: Record<string, string>): ProviderSettings {
    const parse = (v: unknown): unknown => {
        if (typeof v !== "string") return v;
        try { return JSON.parse(v); } catch { return v; }
    };
    const region = (args.region ?? variables["aws:config:region"] ?? process.env.AWS_REGION ?? "us-east-1") as string;
    const defaultTags = (parse(args.defaultTags ?? variables["aws:config:defaultTags"]) ?? {}) as { tags?: Record<string, string> };
    return { region, defaultTags: defaultTags.tags ?? {} };
}

export function kindsFor(pkg: string, settings: () => ProviderSettings): Record<string, ResourceKind> {
    if (pkg === "tls") return { "tls:index/privateKey:PrivateKey": tlsPrivateKeyKind };
    return { ...ec2Kinds(settings), ...otherKinds() };
}

export function serve(pkg: "aws" | "tls"): Promise<void> {
    const args = process.argv.slice(2);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const version = (require(`@pulumi/${pkg}/package.json`) as { version: string }).version;
    let settings: ProviderSettings = settingsFromConfigure({}, {});
    const logger = engineLogger(engineAddress(args));
    const provider = createStandInProvider({
        pkg, version, kinds: kindsFor(pkg, () => settings), settings: () => settings,
        registry: fileRegistry(defaultRegistryFile()), logger,
    });
    hookServer({
        onConfigure: (a, v) => {
            settings = settingsFromConfigure(a, v);
            if (pkg !== "aws") return undefined;
            const configured = configuredAccount(a, v);
            const said = describeConfigure(configured);
            if (said) logger.info(said);
            return configured.refusal;
        },
        previewCreate: (urn, inputs) => provider.previewCreate(urn, inputs),
        previewUpdate: (id, urn, olds, news) => provider.previewUpdate(id, urn, olds, news),
    });
    return main(provider, args);
}
