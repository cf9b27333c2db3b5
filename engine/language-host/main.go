// pulumi-language-nodejs (stand-in): the Node.js language host the real Pulumi CLI starts to run a Node.js
// program or policy pack.
//
// Why a stand-in: the real host lives in its own Go module
// (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3), which the Go module proxy reachable
// from our machines refuses ("403 Forbidden: This module version is not available", for the pseudo-version of
// the v3.248.0 commit and for @latest). Everything else in the loop is real: the CLI and engine are built
// from pkg/v3 v3.248.0, the program runs in @pulumi/pulumi's own `cmd/run`, policy packs in its
// `cmd/run-policy-pack` behind the SDK's own PolicyProxy, all as the real host wires them at that tag.
//
// What it leaves out (none of it is used by this project): the monitor proxy and sync pipes that serve
// deprecated synchronous invokes, debugger attachment, bun, codegen (GenerateProject/Program/Package),
// Pack/Link, and installing dependencies (the README's `npm ci` does that).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"

	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// The @pulumi/pulumi SDK exits with this code after it has already shown the user an actionable message.
const exitAfterUserMessage = 32

const banner = "stand-in pulumi-language-nodejs (bastion-network engine/): the real Node.js language host " +
	"module is not served by this machine's Go module proxy"

type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
}

func main() {
	flag.String("tracing", "", "accepted for compatibility; tracing is not forwarded")
	runtimeName := flag.String("runtime", "nodejs", "only nodejs is supported")
	showVersion := flag.Bool("version", false, "print the plugin version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println(version.Version)
		return
	}
	if *runtimeName != "nodejs" {
		cmdutil.Exit(fmt.Errorf("%s: unsupported runtime %q", banner, *runtimeName))
	}
	host := &languageHost{}
	if args := flag.Args(); len(args) > 0 {
		host.engineAddress = args[0]
	}

	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	defer cancel()
	if host.engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, host.engineAddress, 5*time.Minute, cancel); err != nil {
			cmdutil.Exit(fmt.Errorf("could not start the health check: %w", err))
		}
	}
	stop := make(chan bool)
	go func() { <-ctx.Done(); close(stop) }()
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start the language host server: %w", err))
	}
	fmt.Printf("%d\n", handle.Port) // the engine reads the port from the first line
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(err)
	}
}

func (h *languageHost) Handshake(ctx context.Context,
	req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.engineAddress = req.EngineAddress
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *languageHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

func (h *languageHost) GetRequiredPackages(ctx context.Context,
	req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	packages, err := resourcePackages(req.Info.ProgramDirectory)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: packages}, nil
}

func (h *languageHost) GetRequiredPlugins(context.Context,
	*pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return nil, status.Error(codes.Unimplemented, "GetRequiredPackages replaces GetRequiredPlugins")
}

func (h *languageHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	msg := banner + ": dependencies are not installed here; run `npm ci` in " + req.Info.ProgramDirectory + "\n"
	return server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: []byte(msg)})
}

func (h *languageHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("could not run node --version: %w", err)
	}
	return &pulumirpc.AboutResponse{
		Executable: "node",
		Version:    strings.TrimSpace(string(out)),
		Metadata:   map[string]string{"languageHost": banner},
	}, nil
}

func (h *languageHost) GetProgramDependencies(ctx context.Context,
	req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	deps, err := declaredDependencies(req.Info.ProgramDirectory)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

// Run starts the program in @pulumi/pulumi's own runner with the command line and environment the real host
// gives it at v3.248.0.
func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	runPath, err := locateModule(req.Info.ProgramDirectory, "@pulumi/pulumi/cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	configJSON, err := programConfig(req.GetConfig())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	secretKeys, err := json.Marshal(nonNil(req.GetConfigSecretKeys()))
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	args := []string{runPath}
	flagArg := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flagArg("monitor", req.GetMonitorAddress())
	flagArg("engine", h.engineAddress)
	flagArg("organization", req.GetOrganization())
	flagArg("project", req.GetProject())
	flagArg("root-directory", req.GetInfo().GetRootDirectory())
	flagArg("stack", req.GetStack())
	flagArg("pwd", req.GetInfo().GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flagArg("parallel", strconv.Itoa(int(req.GetParallel())))
	args = append(args, req.GetInfo().GetEntryPoint())
	args = append(args, req.GetArgs()...)

	env := append(os.Environ(), "PULUMI_CONFIG="+configJSON, "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys))
	env = append(env, typescriptEnv(req.GetInfo())...)

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	// Node may switch its stdio to non-blocking mode; never hand it our own file descriptors.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	cmd.Env = env
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitAfterUserMessage {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("%s: could not run node: %v", banner, err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// RunPlugin starts a Node.js policy pack (kind analyzer) through @pulumi/pulumi's run-policy-pack, behind the
// SDK's PolicyProxy so that the pack sees the stack's configuration in its environment, as the real host does.
func (h *languageHost) RunPlugin(req *pulumirpc.RunPluginRequest,
	server pulumirpc.LanguageRuntime_RunPluginServer,
) error {
	ctx := server.Context()
	if req.Kind != string(apitype.AnalyzerPlugin) {
		return fmt.Errorf("%s: only policy packs (analyzer plugins) are supported, not %q", banner, req.Kind)
	}
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	runPath, err := locateModule(req.Info.ProgramDirectory, "@pulumi/pulumi/cmd/run-policy-pack")
	if err != nil {
		return err
	}
	env := append(append([]string{}, req.Env...), typescriptEnv(req.Info)...)
	proxy, stdout, err := sdk.NewPolicyProxy(ctx, stdout)
	if err != nil {
		return fmt.Errorf("could not start the policy pack proxy: %w", err)
	}
	stackConfig, err := proxy.AwaitConfiguration(ctx)
	if err != nil {
		return fmt.Errorf("could not get the stack configuration: %w", err)
	}
	if stackConfig != nil {
		setEnv := func(k, v string) {
			if v != "" {
				env = append(env, k+"="+v)
			}
		}
		setEnv("PULUMI_NODEJS_ORGANIZATION", stackConfig.Organization)
		setEnv("PULUMI_NODEJS_PROJECT", stackConfig.Project)
		setEnv("PULUMI_NODEJS_STACK", stackConfig.Stack)
		setEnv("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(stackConfig.DryRun))
		if stackConfig.Config != nil {
			raw, err := json.Marshal(stackConfig.Config)
			if err != nil {
				return err
			}
			setEnv("PULUMI_CONFIG", string(raw))
		}
	}

	// Policy packs take their directory last and run with it as the working directory.
	args := append(append([]string{runPath}, req.Args...), req.Info.ProgramDirectory)
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = req.Info.ProgramDirectory
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%s: could not run node: %w", banner, err)
	}
	if err := proxy.Attach(ctx, cmd); err != nil {
		return fmt.Errorf("could not attach the policy pack proxy: %w", err)
	}
	return closer.Close()
}

// programConfig renames `<namespace>:<name>` keys to the `<namespace>:config:<name>` form the real host passes.
func programConfig(cfg map[string]string) (string, error) {
	out := make(map[string]string, len(cfg))
	for k, v := range cfg {
		key, err := config.ParseKey(k)
		if err != nil {
			return "", err
		}
		out[key.Namespace()+":config:"+key.Name()] = v
	}
	raw, err := json.Marshal(out)
	return string(raw), err
}

func nonNil(keys []string) []string {
	if keys == nil {
		return []string{}
	}
	return keys
}
