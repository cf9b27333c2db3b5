/**
 * What the stand-in AWS provider does with the account settings Configure hands it, as the real provider does:
 * it works out the account its credentials belong to (the last role of `assumeRoles`, else the web-identity
 * role, else the stand-in's own account; none when `skipRequestingAccountId`), then refuses to configure,
 * with the real provider's words "AWS account ID not allowed: <id>", when the account is forbidden or not on
 * the allowed list. It also says, once, which of the stack's `aws:` settings it received (secrets masked).
 */
import { FAKE_ACCOUNT } from "../../offline/fake-derivation";
import { isSecret, isUnknown, Props } from "./wire";

/** The provider's inputs as Configure sends them: JSON text for lists and objects, secrets wrapped. */
export interface ConfiguredAccount {
    /** Each setting received, parsed; secrets as `[secret]`. */
    received: Props;
    /** The account the stand-in's credentials report ("" when the provider is told not to ask). */
    account: string;
    /** The real provider's refusal, when the account guard refuses the account. */
    refusal?: string;
}

/** Settings the Node.js SDK sends on every explicit provider, and the ones Configure already handles. */
const ALWAYS_SENT: Props = { skipCredentialsValidation: false, skipRegionValidation: true };
const HANDLED = new Set(["region", "defaultTags", "version"]);
const isHandled = (key: string) => HANDLED.has(key) || key.startsWith("__");

export function configuredAccount(args: Props, variables: Record<string, string>): ConfiguredAccount {
    const received: Props = {};
    const plain: Props = {};
    const fromVariables = Object.entries(variables).map(([k, v]) => [k.replace(/^aws:(config:)?/, ""), v] as const);
    for (const [key, sent] of [...fromVariables, ...Object.entries(args)]) {
        const value = parse(isSecret(sent) ? sent.value : sent);
        if (value === undefined || value === null || isUnknown(value)) continue;
        plain[key] = value;
        received[key] = isSecret(sent) ? "[secret]" : value;
    }
    const account = plain.skipRequestingAccountId === true ? "" : roleAccount(plain) ?? FAKE_ACCOUNT;
    const list = (k: string) => (Array.isArray(plain[k]) ? (plain[k] as unknown[]).map(String) : []);
    const allowed = list("allowedAccountIds");
    const refused = list("forbiddenAccountIds").includes(account) || (allowed.length > 0 && !allowed.includes(account));
    const source = account === "" ? "no account (skipRequestingAccountId is true)" : roleAccount(plain) ? `${account}, the account of the role it assumes` : `${account}, the stand-in's own account`;
    const refusal = refused
        ? `AWS account ID not allowed: ${account} (the stand-in provider's credentials report ${source}; aws:allowedAccountIds ${JSON.stringify(allowed)}, ` +
          `aws:forbiddenAccountIds ${JSON.stringify(list("forbiddenAccountIds"))}: the account guard stops the update before any AWS resource is created)`
        : undefined;
    return { received, account, refusal };
}

/** The settings worth saying were received: what the stack file gave beyond the region and default tags. */
export function notableSettings(received: Props): Props {
    return Object.fromEntries(Object.entries(received).filter(([k, v]) => !isHandled(k) && !(k in ALWAYS_SENT && ALWAYS_SENT[k] === v)));
}

/** One log line: each setting and its value, and the account the stand-in reports. */
export function describeConfigure(c: ConfiguredAccount): string | undefined {
    const notable = notableSettings(c.received);
    if (Object.keys(notable).length === 0) return undefined;
    const shown = Object.entries(notable).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ");
    return `stand-in aws provider configured with ${shown}; the account it reports: ${c.account === "" ? "none (skipRequestingAccountId)" : c.account}`;
}

/** The account of the role the provider ends up as: the last of a chain of assumed roles. */
function roleAccount(settings: Props): string | undefined {
    const roles = Array.isArray(settings.assumeRoles) ? (settings.assumeRoles as Props[]) : [];
    const last = roles.length > 0 ? roles[roles.length - 1] : (settings.assumeRoleWithWebIdentity as Props | undefined);
    const arn = typeof last?.roleArn === "string" ? last.roleArn : undefined;
    return arn ? /^arn:[\w-]+:iam::(\d{12}):/.exec(arn)?.[1] : undefined;
}

function parse(v: unknown): unknown {
    if (typeof v !== "string") return v;
    try {
        return JSON.parse(v);
    } catch {
        return v;
    }
}
