namespace OrleansTrading.LoadGen.Processes;

/// <summary>Where the repository and the build outputs of the apps under test are.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this generator was built in (bin/&lt;configuration&gt;/&lt;tfm&gt;/).</summary>
    public static string OwnConfiguration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Release";

    public static string TargetFramework =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;

    /// <summary>src/&lt;project&gt;/bin/&lt;configuration&gt;/&lt;tfm&gt;/&lt;assembly&gt;, checked to exist with its runtimeconfig.</summary>
    public static string AppAssembly(string project, string assembly, string configuration)
    {
        var path = Path.Combine(Root, "src", project, "bin", configuration, TargetFramework, assembly);
        if (!File.Exists(path) || !File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")))
        {
            throw new FileNotFoundException(
                $"{path} is not built. Run `dotnet build -c {configuration} src/{project}` (dotnet run -c {configuration} on this project builds it).");
        }

        return path;
    }

    public static string ProjectFolder(string project) => Path.Combine(Root, "src", project);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansTrading.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("OrleansTrading.sln was not found above " + AppContext.BaseDirectory);
    }
}
