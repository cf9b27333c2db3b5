/**
 * The explicit AWS provider's arguments: the region, the stack's own default tags over the stack file's
 * `aws:defaultTags`, and every other `aws:` setting the stack file gives, each as the default provider would
 * get it. A value that was a secret in the stack file reaches the provider as a secret.
 */
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsProviderSettings } from "./config";
import { mergeDefaultTags } from "./config/aws-provider-settings";

export function awsProviderArgs(region: string, ourTags: Record<string, string>, settings?: AwsProviderSettings): { args: aws.ProviderArgs; tags: Record<string, string> } {
    const { tags } = mergeDefaultTags(settings?.values, ourTags);
    const given: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(settings?.values ?? {})) {
        if (key === "defaultTags") continue;
        given[key] = settings?.secretKeys.includes(key as keyof AwsProviderSettings["values"]) ? pulumi.secret(value) : value;
    }
    // The keys and their types were checked against aws.ProviderArgs (config/aws-provider-keys.ts).
    const args = { ...given, region: region as aws.Region, defaultTags: { tags } } as aws.ProviderArgs;
    return { args, tags };
}
