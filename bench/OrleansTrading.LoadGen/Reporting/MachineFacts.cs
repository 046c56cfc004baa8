using System.Diagnostics;
using System.Runtime.InteropServices;
using OrleansTrading.LoadGen.Processes;

namespace OrleansTrading.LoadGen.Reporting;

/// <summary>The machine and the code a result came from.</summary>
public sealed record MachineFacts(
    int Cores,
    string CpuModel,
    double RamGb,
    string Os,
    string Kernel,
    string DotNet,
    string GitCommit,
    string GitBranch,
    bool GitDirty,
    string SiloBuild)
{
    public static MachineFacts Collect(string siloAssembly) => new(
        Environment.ProcessorCount,
        FirstValue("/proc/cpuinfo", "model name") ?? "unknown",
        Math.Round((KiloBytes(FirstValue("/proc/meminfo", "MemTotal")) ?? 0) / 1048576.0, 1),
        OsName(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        Git("rev-parse HEAD"),
        Git("rev-parse --abbrev-ref HEAD"),
        Git("status --porcelain").Length > 0,
        Path.GetRelativePath(RepoPaths.Root, siloAssembly));

    private static string OsName()
    {
        var pretty = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            : null;
        return pretty is null ? RuntimeInformation.OSDescription : pretty["PRETTY_NAME=".Length..].Trim('"');
    }

    private static string? FirstValue(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static double? KiloBytes(string? value) =>
        value is not null && double.TryParse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var kb) ? kb : null;

    private static string Git(string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", $"-C \"{RepoPaths.Root}\" {arguments}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
