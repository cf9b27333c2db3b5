package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

type packageJSON struct {
	Name            string                  `json:"name"`
	Version         string                  `json:"version"`
	Pulumi          plugin.PulumiPluginJSON `json:"pulumi"`
	Dependencies    map[string]string       `json:"dependencies"`
	DevDependencies map[string]string       `json:"devDependencies"`
}

// resourcePackages finds, as the real host does, every package.json under a node_modules folder below the
// program directory whose "pulumi" section says it needs a resource plugin; folders holding a policy pack are
// skipped (they bring their own dependencies).
func resourcePackages(programDir string) ([]*pulumirpc.PackageDependency, error) {
	seen := map[string]bool{}
	var packages []*pulumirpc.PackageDependency
	err := filepath.WalkDir(programDir, func(path string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if entry.IsDir() {
			if path != programDir {
				if pack, _ := workspace.DetectPolicyPackPathAt(path); pack != "" {
					return filepath.SkipDir
				}
			}
			if entry.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		if entry.Name() != "package.json" || !strings.Contains(path, string(filepath.Separator)+"node_modules"+string(filepath.Separator)) {
			return nil
		}
		info, err := readPackageJSON(path)
		if err != nil || !info.Pulumi.Resource {
			return err
		}
		name, version := info.Pulumi.Name, info.Pulumi.Version
		if name == "" {
			if !strings.HasPrefix(info.Name, "@pulumi/") {
				return fmt.Errorf("%s: the \"pulumi\" section names no plugin", path)
			}
			name = strings.TrimPrefix(info.Name, "@pulumi/")
		}
		if version == "" {
			version = info.Version
		}
		if !strings.HasPrefix(version, "v") {
			version = "v" + version
		}
		if key := name + "@" + version; !seen[key] {
			seen[key] = true
			packages = append(packages, &pulumirpc.PackageDependency{
				Name: name, Kind: "resource", Version: version, Server: info.Pulumi.Server,
			})
		}
		return nil
	})
	return packages, err
}

// declaredDependencies lists the program's package.json dependencies, for `pulumi about`.
func declaredDependencies(programDir string) ([]*pulumirpc.DependencyInfo, error) {
	info, err := readPackageJSON(filepath.Join(programDir, "package.json"))
	if err != nil {
		return nil, err
	}
	var deps []*pulumirpc.DependencyInfo
	for _, group := range []map[string]string{info.Dependencies, info.DevDependencies} {
		for name, version := range group {
			deps = append(deps, &pulumirpc.DependencyInfo{Name: name, Version: version})
		}
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].Name < deps[j].Name })
	return deps, nil
}

func readPackageJSON(path string) (packageJSON, error) {
	var info packageJSON
	raw, err := os.ReadFile(path)
	if err != nil {
		return info, err
	}
	if err := json.Unmarshal(raw, &info); err != nil {
		return info, fmt.Errorf("%s: %w", path, err)
	}
	return info, nil
}

// locateModule resolves a module the way Node would from the program directory.
func locateModule(programDir, module string) (string, error) {
	script := fmt.Sprintf(`try { console.log(require.resolve(%q)) } catch (e) {
  console.error(e.code === "MODULE_NOT_FOUND" ? "The Pulumi SDK is not installed: run npm ci in " + %q : e.message);
  process.exit(1) }`, module, programDir)
	cmd := exec.Command("node", "-e", script)
	cmd.Dir = programDir
	out, err := cmd.Output()
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return "", errors.New(strings.TrimSpace(string(exitErr.Stderr)))
		}
		return "", fmt.Errorf("%s: could not run node: %w", banner, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// typescriptEnv mirrors the runtime options `typescript` (default true) and `tsconfig`.
func typescriptEnv(info *pulumirpc.ProgramInfo) []string {
	options := map[string]any{}
	if info != nil && info.Options != nil {
		options = info.Options.AsMap()
	}
	var env []string
	if ts, ok := options["typescript"].(bool); !ok || ts {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if path, ok := options["tsconfig"].(string); ok && path != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+path)
	}
	return env
}
