import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { resourceName, tagsFor } from "../naming";

export interface WebLoadBalancerArgs {
    prefix: string;
    vpcId: pulumi.Input<string>;
    /** Both public subnets: an ALB needs subnets in two AZs, which is why the plan puts them there. */
    subnetIds: pulumi.Input<string>[];
    securityGroupId: pulumi.Input<string>;
    /** The web hosts' app port the target group forwards to and health-checks. */
    appPort: number;
    webInstanceId: pulumi.Input<string>;
    /** With it, HTTPS on 443 and HTTP redirected there; without it, HTTP on 80 only. */
    certificateArn?: string;
}

/** AWS's current TLS 1.3 policy with TLS 1.2 fallback. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/**
 * An internet-facing Application Load Balancer in front of web (webAccess: alb): a target group on the
 * app port with a health check, the web host attached, and the listeners.
 */
export class WebLoadBalancer extends pulumi.ComponentResource {
    readonly dnsName: pulumi.Output<string>;
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: WebLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bastion-network:web:LoadBalancer", name, {}, opts);
        const child = { parent: this };
        const p = args.prefix;

        const lb = new aws.lb.LoadBalancer(resourceName(p, "alb", "web"), {
            loadBalancerType: "application",
            internal: false,
            subnets: args.subnetIds,
            securityGroups: [args.securityGroupId],
            // Requests with malformed headers are dropped, not passed to the app (request smuggling).
            dropInvalidHeaderFields: true,
            tags: tagsFor(resourceName(p, "alb", "web"), { tier: "public" }),
        }, child);

        const targets = new aws.lb.TargetGroup(resourceName(p, "tg", "web", String(args.appPort)), {
            vpcId: args.vpcId,
            targetType: "instance",
            port: args.appPort,
            protocol: "HTTP",
            healthCheck: {
                enabled: true,
                protocol: "HTTP",
                port: "traffic-port",
                path: "/",
                matcher: "200-399",
                healthyThreshold: 3,
                unhealthyThreshold: 3,
                interval: 30,
                timeout: 5,
            },
            tags: tagsFor(resourceName(p, "tg", "web", String(args.appPort)), { tier: "public" }),
        }, child);

        new aws.lb.TargetGroupAttachment(resourceName(p, "tga", "web"), {
            targetGroupArn: targets.arn,
            targetId: args.webInstanceId,
            port: args.appPort,
        }, child);

        const forward = [{ type: "forward", targetGroupArn: targets.arn }];
        if (args.certificateArn) {
            new aws.lb.Listener(resourceName(p, "listener", "web", "443"), {
                loadBalancerArn: lb.arn,
                port: 443,
                protocol: "HTTPS",
                sslPolicy: TLS_POLICY,
                certificateArn: args.certificateArn,
                defaultActions: forward,
                tags: tagsFor(resourceName(p, "listener", "web", "443")),
            }, child);
        }
        new aws.lb.Listener(resourceName(p, "listener", "web", "80"), {
            loadBalancerArn: lb.arn,
            port: 80,
            protocol: "HTTP",
            defaultActions: args.certificateArn
                ? [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]
                : forward,
            tags: tagsFor(resourceName(p, "listener", "web", "80")),
        }, child);

        this.dnsName = lb.dnsName;
        this.url = lb.dnsName.apply((d) => `${args.certificateArn ? "https" : "http"}://${d}/`);
        this.registerOutputs({ dnsName: this.dnsName, url: this.url });
    }
}
