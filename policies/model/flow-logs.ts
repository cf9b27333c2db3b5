/** VPC flow logs: which VPC (or default VPC) each one records, and which traffic it keeps. */
import { AwsTypes, VPC_TYPES } from "./aws-types";
import { ModelContext } from "./context";
import { readString } from "./resource-index";
import { Entity, Link } from "./types";
import { Read } from "./wire";

export interface FlowLog extends Entity {
    /** `ALL`, `ACCEPT`, `REJECT` (undefined: not set). */
    trafficType: Read<string | undefined>;
    /** The VPC it records: `vpcId` (one URN when certain; several when only shared dependencies tell). */
    vpc: Link;
}

export function readFlowLogs(c: ModelContext): FlowLog[] {
    return c.idx.ofType(AwsTypes.FlowLog).map((fl) => Object.assign(c.entity(fl), {
        trafficType: readString(fl, "trafficType"),
        vpc: c.ref(fl, "vpcId", VPC_TYPES),
    }));
}
