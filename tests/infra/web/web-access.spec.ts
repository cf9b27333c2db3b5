/**
 * webAccess: how people reach the web tier. eip (default): web's own Elastic IP; alb: a load balancer
 * across both public subnets, web admitting the app port from the load balancer's group only; none:
 * unreachable. Each mode, in dev and prod, passes the whole pack.
 */
import * as assert from "node:assert/strict";
import { parse } from "yaml";
import { WAIT_FOR_PUBLIC_ADDRESS } from "../../../infra/access/cloud-init";
import { runPack } from "../../helpers/harness";
import { dependencyName, named, ofType, one, runStack } from "../../helpers/mocks";

const T = {
    eip: "aws:ec2/eip:Eip", sg: "aws:ec2/securityGroup:SecurityGroup", ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", lb: "aws:lb/loadBalancer:LoadBalancer", tg: "aws:lb/targetGroup:TargetGroup",
    tga: "aws:lb/targetGroupAttachment:TargetGroupAttachment", listener: "aws:lb/listener:Listener", instance: "aws:ec2/instance:Instance",
};
const CERT = "arn:aws:acm:ap-northeast-2:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
type Run = Awaited<ReturnType<typeof runStack>>;

/** `<target group> <port> from <source group or CIDR>` for every ingress rule. */
function ingress(run: Run): string[] {
    return ofType(run, T.ingress).map((r) => `${dependencyName(run, r, "securityGroupId")} ${r.inputs.fromPort} from ${r.inputs.cidrIpv4 ?? dependencyName(run, r, "referencedSecurityGroupId")}`).sort();
}

describe("web access modes", function () {
    this.timeout(120_000);

    it("eip (the default): web's own Elastic IP, the app port from anywhere, a URL output, first boot waits for the address", async () => {
        const run = await runStack("dev");
        const eip = named(run, "mhson-eip-web-2a");
        assert.equal(dependencyName(run, eip, "instance"), "mhson-ec2-web-2a");
        assert.ok(ingress(run).includes("mhson-sg-web 8080 from 0.0.0.0/0"));
        const web = run.outputs.web as Record<string, string>;
        assert.equal(web.access, "eip");
        assert.equal(web.url, `http://${String(eip.outputs.publicIp)}:8080/`);
        const cloudConfig = parse(String(named(run, "mhson-ec2-web-2a").inputs.userData)) as { bootcmd?: string[] };
        assert.ok(cloudConfig.bootcmd?.includes(WAIT_FOR_PUBLIC_ADDRESS));
        assert.equal(ofType(run, T.lb).length, 0);
    });

    it("alb: a load balancer across both public subnets, a target group with a health check on the app port, web attached", async () => {
        const run = await runStack("dev", { settings: { webAccess: "alb" } });
        const lb = one(run, T.lb);
        assert.equal(lb.inputs.loadBalancerType, "application");
        assert.equal(lb.inputs.internal, false);
        const subnets = (run.snapshot.resources.find((r) => r.urn === lb.urn)!.propertyDependencies.subnets ?? [])
            .map((urn) => run.snapshot.resources.find((r) => r.urn === urn)?.name).sort();
        assert.deepEqual(subnets, ["mhson-subnet-public-2a", "mhson-subnet-public-2c"]);
        assert.equal(dependencyName(run, lb, "securityGroups"), "mhson-sg-alb");
        const tg = one(run, T.tg);
        assert.deepEqual([tg.inputs.port, tg.inputs.protocol, tg.inputs.targetType], [8080, "HTTP", "instance"]);
        const hc = tg.inputs.healthCheck as Record<string, unknown>;
        assert.deepEqual([hc.enabled, hc.port, hc.protocol, hc.path], [true, "traffic-port", "HTTP", "/"]);
        const attachment = one(run, T.tga);
        assert.equal(dependencyName(run, attachment, "targetId"), "mhson-ec2-web-2a");
        assert.equal(attachment.inputs.port, 8080);
        const listeners = ofType(run, T.listener).map((l) => `${l.inputs.port} ${l.inputs.protocol} ${(l.inputs.defaultActions as { type: string }[])[0].type}`);
        assert.deepEqual(listeners, ["80 HTTP forward"]);
        assert.match(String((run.outputs.web as Record<string, string>).url), /^http:\/\/\S+\/$/);
    });

    it("alb: web admits the app port only from the load balancer's group, which admits 80 from anywhere and reaches only web", async () => {
        const run = await runStack("dev", { settings: { webAccess: "alb" } });
        const rules = ingress(run);
        assert.ok(rules.includes("mhson-sg-web 8080 from mhson-sg-alb"));
        assert.ok(rules.includes("mhson-sg-alb 80 from 0.0.0.0/0"));
        assert.ok(!rules.some((r) => r.startsWith("mhson-sg-web 8080 from 0.0.0.0/0")), "no direct route to the app port");
        assert.ok(!rules.some((r) => r.startsWith("mhson-sg-alb 443")), "no HTTPS without a certificate");
        const albEgress = ofType(run, T.egress).filter((r) => dependencyName(run, r, "securityGroupId") === "mhson-sg-alb");
        assert.deepEqual(albEgress.map((r) => `${r.inputs.fromPort} to ${dependencyName(run, r, "referencedSecurityGroupId")}`), ["8080 to mhson-sg-web"]);
        // web keeps an Elastic IP as its way out (apt), closed to the world by its group.
        assert.equal(dependencyName(run, named(run, "mhson-eip-web-2a"), "instance"), "mhson-ec2-web-2a");
    });

    it("alb with a certificate: 443 from anywhere, HTTPS with the certificate, HTTP redirected", async () => {
        const run = await runStack("dev", { settings: { webAccess: "alb", certificateArn: CERT } });
        assert.ok(ingress(run).includes("mhson-sg-alb 443 from 0.0.0.0/0"));
        const byPort = new Map(ofType(run, T.listener).map((l) => [l.inputs.port, l]));
        assert.equal(byPort.get(443)?.inputs.certificateArn, CERT);
        assert.equal(byPort.get(443)?.inputs.protocol, "HTTPS");
        assert.deepEqual((byPort.get(80)?.inputs.defaultActions as { type: string; redirect: unknown }[])[0], { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } });
        assert.match(String((run.outputs.web as Record<string, string>).url), /^https:\/\//);
    });

    it("none: no address and no load balancer; the output says so", async () => {
        const run = await runStack("dev", { settings: { webAccess: "none" } });
        assert.equal(run.snapshot.resources.filter((r) => r.name.includes("-eip-web-")).length, 0);
        assert.equal(ofType(run, T.lb).length, 0);
        assert.deepEqual(run.outputs.web, { access: "none" });
        assert.equal(named(run, "mhson-ec2-web-2a").inputs.associatePublicIpAddress, false);
    });

    for (const stack of ["dev", "prod"]) {
        for (const webAccess of ["eip", "alb", "none"]) {
            for (const preview of [false, true]) {
                it(`${stack}, webAccess ${webAccess}${preview ? " (preview)" : ""}: the pack finds nothing`, async () => {
                    const settings = webAccess === "alb" && stack === "prod" ? { webAccess, certificateArn: CERT } : { webAccess };
                    const run = await runStack(stack, { preview, settings });
                    assert.deepEqual((await runPack(run.snapshot)).violations, []);
                });
            }
        }
    }
});
