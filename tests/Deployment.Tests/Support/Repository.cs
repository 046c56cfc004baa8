namespace OrleansTrading.Deployment.Tests.Support;

/// <summary>Paths in this repository, found from the test assembly's folder, and the build output the tests were built with.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>src/&lt;project&gt;/bin/&lt;configuration&gt;/&lt;tfm&gt; of the same build as these tests.</summary>
    public static string BuildOutput(string project)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(Root, "src", project, "bin", testOutput.Parent!.Name, testOutput.Name);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansTrading.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("OrleansTrading.sln not found above " + AppContext.BaseDirectory);
    }
}
