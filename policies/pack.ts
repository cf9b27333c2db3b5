/** The pack's identity and rules, importable without starting the analyzer server. */
import type { Policies } from "@pulumi/policy";
import { allPolicies } from "./rules";
// The pack's own package.json is the version `pulumi policy publish` records.
import { version } from "./package.json";

export const packName = "bastion-network-guard";
export const packVersion: string = version;
export const policies: Policies = allPolicies;
