using System.Text.RegularExpressions;
using System.Xml.Linq;
using OrleansTrading.Deployment.Tests.Support;

namespace OrleansTrading.Deployment.Tests;

/// <summary>
/// Our own Dockerfile lint (hadolint is not installable here: neither Debian bookworm, npm nor NuGet carries it): pinned
/// base images, a non-root final stage, no secrets baked in, multi-stage .NET builds, a build context that holds
/// everything the COPY lines name, and a restore layer that covers every project the app references.
/// </summary>
public sealed partial class DockerfileLintTests
{
    /// <summary>Every Dockerfile in the repository (build output and tool folders aside).</summary>
    public static IReadOnlyList<string> DockerfilePaths() =>
        Directory.EnumerateFiles(Repository.Root, "Dockerfile", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Repository.Root, p).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => !p.Split('/').Any(segment => segment is "bin" or "obj" or ".git" or "node_modules"))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static TheoryData<string> Dockerfiles() => new(DockerfilePaths());

    /// <summary>The .NET apps: built with the SDK image, run on the ASP.NET runtime image.</summary>
    public static TheoryData<string, string> AppDockerfiles() => new()
    {
        { "src/Silo/Dockerfile", "src/Silo/OrleansTrading.Silo.csproj" },
        { "src/Dashboard/Dockerfile", "src/Dashboard/OrleansTrading.Dashboard.csproj" },
    };

    [Fact]
    public void Every_image_compose_builds_has_its_dockerfile_here_and_is_linted()
    {
        var linted = DockerfilePaths();
        var compose = ComposeFile.Load(ComposeVariables.Test());

        foreach (var service in compose.Services.Values.Where(s => s.BuildContext is not null))
        {
            Assert.Equal(".", service.BuildContext);
            Assert.Contains(service.Dockerfile ?? "Dockerfile", linted);
        }

        Assert.Contains("src/Silo/Dockerfile", linted);
        Assert.Contains("src/Dashboard/Dockerfile", linted);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Every_base_image_is_pinned_to_an_exact_version(string path)
    {
        var dockerfile = Dockerfile.Load(path);
        var stageNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var stage in dockerfile.Stages)
        {
            if (!stageNames.Contains(stage.Image))
            {
                // A digest pins exactly; otherwise a tag with a full major.minor.patch version (never latest, never 10.0).
                var match = ImageReference().Match(stage.Image);
                Assert.True(match.Success, $"{path}: '{stage.Image}' has no tag or digest");
                Assert.True(match.Groups["digest"].Success || PinnedTag().IsMatch(match.Groups["tag"].Value),
                    $"{path}: '{stage.Image}' is not pinned to an exact version (e.g. 10.0.12-noble) or a digest");
            }

            if (stage.Name is not null)
            {
                stageNames.Add(stage.Name);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void The_final_stage_runs_as_a_non_root_user(string path)
    {
        var user = Dockerfile.Load(path).Final.All("USER").LastOrDefault();

        Assert.True(user is not null, $"{path}: the final stage has no USER, so it runs as root");
        var name = user.Arguments.Split(':')[0].Trim();
        Assert.DoesNotContain(name, new[] { "root", "0" });

        // Numeric, so a runtime that checks for non-root (Kubernetes runAsNonRoot) can verify it: 1654 is the user
        // 'app' that Microsoft's .NET images create.
        Assert.Matches("^[1-9][0-9]*$", name);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void No_secret_is_baked_into_an_image(string path)
    {
        var dockerfile = Dockerfile.Load(path);
        foreach (var instruction in dockerfile.Stages.SelectMany(s => s.Instructions))
        {
            if (instruction.Keyword is "ENV" or "ARG")
            {
                foreach (var (key, _) in Dockerfile.ParseAssignments(instruction.Arguments))
                {
                    Assert.False(SecretName().IsMatch(key), $"{path} {instruction}: a secret belongs in the environment at run time, not in the image");
                }
            }

            if (instruction.Keyword is "COPY" or "ADD")
            {
                foreach (var source in Dockerfile.ParseCopy(instruction).Sources)
                {
                    Assert.False(SecretFile().IsMatch(source), $"{path} {instruction}: copies a key, certificate or secrets file into the image");
                }
            }

            Assert.DoesNotMatch(@"(?i)--password[ =]|pass(word)?:[^ ]", instruction.Arguments);
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Instructions_follow_the_usual_hygiene(string path)
    {
        foreach (var instruction in Dockerfile.Load(path).Stages.SelectMany(s => s.Instructions))
        {
            switch (instruction.Keyword)
            {
                case "ADD":
                    Assert.Fail($"{path} {instruction}: use COPY (ADD also fetches URLs and unpacks archives)");
                    break;
                case "WORKDIR":
                    Assert.StartsWith("/", instruction.Arguments);
                    break;
                case "ENTRYPOINT" or "CMD":
                    // The exec form makes the app PID 1, so `docker stop`'s SIGTERM reaches it and it shuts down gracefully.
                    Assert.True(instruction.ExecForm is not null, $"{path} {instruction}: use the exec (JSON array) form");
                    break;
                case "RUN" when instruction.Arguments.Contains("apt-get install", StringComparison.Ordinal):
                    Assert.Contains("-y", instruction.Arguments);
                    Assert.Contains("--no-install-recommends", instruction.Arguments);
                    Assert.Contains("apt-get update", instruction.Arguments);
                    Assert.Contains("rm -rf /var/lib/apt/lists/*", instruction.Arguments);
                    break;
                case "RUN":
                    Assert.DoesNotMatch(@"apt-get (dist-)?upgrade|(^|[;&|]\s*)cd\s", instruction.Arguments);
                    break;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Every_copied_path_is_in_the_build_context_at_the_repository_root(string path)
    {
        var ignore = DockerIgnore.Load();
        var dockerfile = Dockerfile.Load(path);
        foreach (var instruction in dockerfile.Stages.SelectMany(s => s.All("COPY")))
        {
            var (sources, _, flags) = Dockerfile.ParseCopy(instruction);
            if (flags.ContainsKey("from"))
            {
                Assert.Contains(dockerfile.Stages, s => string.Equals(s.Name, flags["from"], StringComparison.OrdinalIgnoreCase));
                continue;
            }

            foreach (var source in sources)
            {
                var relative = source.TrimEnd('/');
                Assert.True(File.Exists(Repository.PathOf(relative)) || Directory.Exists(Repository.PathOf(relative)),
                    $"{path} {instruction}: '{source}' does not exist relative to the repository root");
                Assert.False(ignore.Excludes(relative), $"{path} {instruction}: .dockerignore leaves '{source}' out of the build context");
            }
        }
    }

    [Theory]
    [MemberData(nameof(AppDockerfiles))]
    public void The_app_builds_on_the_sdk_image_and_runs_on_the_aspnet_runtime_image(string path, string project)
    {
        var dockerfile = Dockerfile.Load(path);

        Assert.True(dockerfile.Stages.Count >= 2, $"{path} is not a multi-stage build");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0.", dockerfile.Stages[0].Image);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0.", dockerfile.Final.Image);
        Assert.Contains(dockerfile.Stages[0].All("RUN"), run => run.Arguments.StartsWith($"dotnet publish {project} ", StringComparison.Ordinal));

        // The runtime stage holds the publish output only: no SDK, no sources.
        var copies = dockerfile.Final.All("COPY").Select(Dockerfile.ParseCopy).ToList();
        Assert.NotEmpty(copies);
        Assert.All(copies, copy => Assert.Equal(dockerfile.Stages[0].Name, copy.Flags.GetValueOrDefault("from")));

        var entrypoint = dockerfile.Final.All("ENTRYPOINT").Single().ExecForm!;
        Assert.Equal(["dotnet", Path.GetFileNameWithoutExtension(project) + ".dll"], entrypoint);
    }

    [Theory]
    [MemberData(nameof(AppDockerfiles))]
    public void The_restore_layer_and_the_sources_cover_every_project_the_app_references(string path, string project)
    {
        var build = Dockerfile.Load(path).Stages[0];
        var restoreAt = build.Instructions.ToList().FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith($"dotnet restore {project}", StringComparison.Ordinal));
        Assert.True(restoreAt >= 0, $"{path}: no 'RUN dotnet restore {project}'");

        var copiedBeforeRestore = build.Instructions.Take(restoreAt).Where(i => i.Keyword == "COPY")
            .SelectMany(i => Dockerfile.ParseCopy(i).Sources).ToList();
        var copiedAfter = build.Instructions.Skip(restoreAt).Where(i => i.Keyword == "COPY")
            .SelectMany(i => Dockerfile.ParseCopy(i).Sources).Select(s => s.TrimEnd('/') + "/").ToList();

        foreach (var root in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
        {
            Assert.Contains(root, copiedBeforeRestore);
        }

        foreach (var referenced in ProjectClosure(project))
        {
            Assert.Contains(referenced, copiedBeforeRestore);
            var folder = referenced[..(referenced.LastIndexOf('/') + 1)];
            Assert.Contains(folder, copiedAfter);

            // Items a project takes from outside its folder (the Grains embed ../../sql/*.sql) must be copied too.
            foreach (var outside in OutsideIncludes(referenced))
            {
                Assert.Contains(copiedAfter, copied => outside.StartsWith(copied, StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [MemberData(nameof(AppDockerfiles))]
    public async Task The_restore_layer_restores_the_same_packages_as_the_full_sources(string path, string project)
    {
        // The restore layer sees only what was copied before it, and the SDK decides some implicit packages from the
        // sources (the one serving _framework/blazor.web.js is added only when .razor files exist). Replay that layer in
        // a scratch folder and compare its packages with this checkout's own restore of the project.
        var build = Dockerfile.Load(path).Stages[0];
        var restoreAt = build.Instructions.ToList().FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore ", StringComparison.Ordinal));
        var layer = Path.Combine(Path.GetTempPath(), "restore-layer-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var copy in build.Instructions.Take(restoreAt).Where(i => i.Keyword == "COPY").Select(Dockerfile.ParseCopy))
            {
                Assert.False(copy.Destination.StartsWith('/'), $"{path}: the replay supports destinations relative to WORKDIR only");
                foreach (var source in copy.Sources)
                {
                    var target = Path.Combine(layer, copy.Destination, copy.Destination.EndsWith('/') || copy.Sources.Count > 1 ? Path.GetFileName(source) : "");
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(Repository.PathOf(source), target);
                }
            }

            await using var restore = LocalProcess.Start("restore", "bash", ["-c", build.Instructions[restoreAt].Arguments], layer, new Dictionary<string, string>());
            var exitCode = await restore.WaitForExitAsync(TimeSpan.FromMinutes(5));
            Assert.True(exitCode == 0, $"the restore layer failed:{Environment.NewLine}{restore.Log()}");

            var assets = Path.Combine(Path.GetDirectoryName(project)!, "obj", "project.assets.json");
            Assert.Equal(Libraries(Repository.PathOf(assets)), Libraries(Path.Combine(layer, assets)));
        }
        finally
        {
            Directory.Delete(layer, recursive: true);
        }
    }

    private static List<string> Libraries(string assetsFile)
    {
        using var assets = System.Text.Json.JsonDocument.Parse(File.ReadAllText(assetsFile));
        return assets.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(library => library.Value.GetProperty("type").GetString() == "package")
            .Select(library => library.Name).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The project and every project it references, transitively, as repository-relative paths.</summary>
    private static List<string> ProjectClosure(string project)
    {
        var seen = new List<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (seen.Contains(current))
            {
                continue;
            }

            seen.Add(current);
            foreach (var reference in XDocument.Load(Repository.PathOf(current)).Descendants("ProjectReference"))
            {
                pending.Push(Normalize(Path.GetDirectoryName(current)!, reference.Attribute("Include")!.Value));
            }
        }

        return seen;
    }

    private static IEnumerable<string> OutsideIncludes(string project) =>
        XDocument.Load(Repository.PathOf(project)).Descendants()
            .Where(e => e.Name.LocalName != "ProjectReference" && e.Attribute("Include")?.Value.StartsWith("..", StringComparison.Ordinal) == true)
            .Select(e => Normalize(Path.GetDirectoryName(project)!, e.Attribute("Include")!.Value));

    private static string Normalize(string folder, string relative) =>
        Path.GetRelativePath(Repository.Root, Path.GetFullPath(Path.Combine(Repository.PathOf(folder), relative.Replace('\\', '/'))))
            .Replace(Path.DirectorySeparatorChar, '/');

    [GeneratedRegex(@"^(?<name>[a-z0-9./_-]+?)(?::(?<tag>[A-Za-z0-9._-]+))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$")]
    private static partial Regex ImageReference();

    [GeneratedRegex(@"^\d+\.\d+\.\d+([.-][A-Za-z0-9.-]+)?$")]
    private static partial Regex PinnedTag();

    [GeneratedRegex(@"(?i)(password|passwd|secret|token|api_?key|__key$|private_?key)")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?i)(\.(pfx|p12|key|pem|crt)$|(^|/)(certs|secrets)(/|$)|(^|/)\.env)")]
    private static partial Regex SecretFile();
}
