/**
 * The live twin, as `npm run twin` runs it: dev and prod pass; a mutated export (web's SSH open to the
 * world) fails with one clear line; nothing is left behind. Needs root, iproute2, nftables and OpenSSH:
 * elsewhere the spec is skipped with the reason, except in CI (CI=true), where it must run.
 */
import { strict as assert } from "assert";
import { execFile, spawn, spawnSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { stackExportJson } from "../../offline/artifacts/stack-export-writer";
import { withStackRoot } from "../../offline/artifacts/stack-root";
import { NS_PREFIX, RUN_DIR_PREFIX } from "../../twin/names";
import { requireTwinOrSkip } from "./require-twin";
import { runStack } from "../helpers/mocks";
import { webSshFromWorld } from "./mutations";

const ROOT = join(__dirname, "..", "..");

interface TwinRun {
    code: number;
    stdout: string;
    stderr: string;
}

const TWIN = [process.execPath, "-r", "ts-node/register/transpile-only", "twin/cli.ts"];

function twin(args: string[], prefix: string[] = []): Promise<TwinRun> {
    const argv = [...prefix, ...TWIN, ...args];
    return new Promise((resolve) => {
        execFile(argv[0], argv.slice(1), { cwd: ROOT, maxBuffer: 16 * 2 ** 20, timeout: 120000 }, (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
        });
    });
}

function leftovers(): string[] {
    const ns = (spawnSync("ip", ["netns", "list"], { encoding: "utf8" }).stdout ?? "").split("\n").filter((l) => l.startsWith(NS_PREFIX));
    const dirs = readdirSync("/tmp").filter((n) => n.startsWith(RUN_DIR_PREFIX));
    return [...ns, ...dirs];
}

describe("twin refuses to run without root", function () {
    this.timeout(60000);
    it("exits 2 with one line saying what is needed", async function () {
        const root = process.getuid?.() === 0;
        const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => existsSync(p));
        if (root && !setpriv) this.skip();
        // As root the refusal is seen by dropping to nobody, who must be able to read the checkout (a clone in a
        // 0700 folder, as `mktemp -d` makes, is not): otherwise node fails before the twin can refuse.
        if (root && setpriv && spawnSync(setpriv, ["--reuid", "65534", "--regid", "65534", "--clear-groups", "test", "-r", `${ROOT}/node_modules/ts-node/package.json`]).status !== 0) {
            console.log(`    (skipped: user nobody cannot read ${ROOT}; the refusal is checked from a world-readable checkout)`);
            this.skip();
        }
        const r = await twin([], root && setpriv ? [setpriv, "--reuid", "65534", "--regid", "65534", "--clear-groups"] : []);
        assert.equal(r.code, 2, r.stderr);
        assert.equal(r.stderr, "error: the twin needs root: run it as root (sudo npm run twin), it creates network namespaces\n");
    });
});

describe("twin (live: network namespaces, nftables, sshd)", function () {
    this.timeout(180000);
    before(function () {
        requireTwinOrSkip(this);
    });

    for (const stack of ["dev", "prod"]) {
        it(`npm run twin -- --stack ${stack}: every check passes, bounded in time, nothing left behind`, async () => {
            // what an interrupted run could leave: a namespace with a process in it, a run directory
            spawnSync("ip", ["netns", "add", `${NS_PREFIX}leftover`]);
            const stray = spawn("ip", ["netns", "exec", `${NS_PREFIX}leftover`, "sleep", "300"], { stdio: "ignore" });
            mkdirSync(`/tmp/${RUN_DIR_PREFIX}leftover`, { recursive: true });
            const started = Date.now();
            const r = await twin(["--stack", stack]);
            assert.equal(r.code, 0, `${r.stderr}\n${r.stdout}`);
            assert.match(r.stdout, /PASS {2}ssh {8}ssh \S+-bastion \(operator\)/);
            assert.match(r.stdout, /PASS {2}ssh {8}ssh \S+-web \(ProxyJump/);
            assert.match(r.stdout, /PASS {2}ssh {8}ssh \S+-db \(ProxyJump/);
            assert.match(r.stdout, /PASS {2}key {8}key file at 0644 +refused: UNPROTECTED PRIVATE KEY FILE/);
            assert.match(r.stdout, /PASS {2}hardening +command log/);
            assert.match(r.stdout, /PASS {2}model /, "the reachability model's rows were tried");
            assert.doesNotMatch(r.stdout, /^ {2}FAIL/m);
            assert.ok(Date.now() - started < 60000, `took ${Date.now() - started} ms`);
            assert.deepEqual(leftovers(), []);
            assert.notEqual(stray.exitCode ?? stray.signalCode, null, "the stray process in the leftover namespace was ended");
        });
    }

    it("on SIGINT mid-run takes everything down and exits 130", async () => {
        const child = spawn(TWIN[0], [...TWIN.slice(1), "--stack", "dev"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
        await new Promise<void>((resolve) =>
            child.stdout.on("data", (d: Buffer) => {
                out += d.toString();
                if (out.includes("checking")) resolve();
            }),
        );
        assert.ok(leftovers().some((l) => l.startsWith(NS_PREFIX)), "the twin was up when interrupted");
        child.kill("SIGINT");
        assert.equal(await exited, 130);
        assert.deepEqual(leftovers(), []);
        assert.ok(!existsSync("/tmp/bntw-lock"), "the lock is released");
    });

    it("fails with one clear line when web's SSH rule is pointed at the world", async () => {
        const run = await runStack("dev");
        const dir = mkdtempSync(join(tmpdir(), "twin-mutation-"));
        try {
            const file = join(dir, "web-ssh-from-world.json");
            writeFileSync(file, stackExportJson(webSshFromWorld(withStackRoot(run.snapshot, run.outputs))));
            const r = await twin(["--file", file]);
            assert.equal(r.code, 1, `${r.stderr}\n${r.stdout}`);
            const lines = r.stderr.trim().split("\n");
            assert.equal(lines.length, 1, r.stderr);
            assert.match(lines[0], /^error: the network does not behave as planned: .*(web).*: expected (refused|no connection), got (logged in|connected)/);
            // a neighbour reaches web's SSH; with web's Elastic IP (the eip mode) the operator does too, without the jump
            assert.match(r.stdout, /^ {2}FAIL {2}tcp +db -> web \S+:22 \(SSH only from the bastion\) +no connection +connected/m);
            if (/directly at its public IP/.test(r.stdout)) assert.match(r.stdout, /^ {2}FAIL {2}ssh +ssh mhson-web directly at its public IP \S+ +refused +logged in/m);
            assert.deepEqual(leftovers(), []);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
