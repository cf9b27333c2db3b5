// The only module that constructs the PolicyPack: doing so starts the analyzer's gRPC server.
import { PolicyPack } from "@pulumi/policy";
import { packName, policies } from "./pack";

new PolicyPack(packName, { policies });
