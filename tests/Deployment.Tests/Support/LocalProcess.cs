using System.Diagnostics;
using System.Text;

namespace OrleansTrading.Deployment.Tests.Support;

/// <summary>
/// A service's command run as a plain process with exactly the environment given (nothing inherited that could
/// configure our apps), stdout and stderr kept apart line by line; the whole process tree is killed on dispose.
/// </summary>
public sealed class LocalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LocalProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<string> StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return [.. _stdout];
            }
        }
    }

    public IReadOnlyList<string> StandardError
    {
        get
        {
            lock (_stderr)
            {
                return [.. _stderr];
            }
        }
    }

    public static LocalProcess Start(string name, string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(Configures).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var local = new LocalProcess(name, process);
        process.OutputDataReceived += (_, e) => local.Append(local._stdout, e.Data, local._outputClosed);
        process.ErrorDataReceived += (_, e) => local.Append(local._stderr, e.Data, local._errorClosed);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return local;
    }

    /// <summary>Waits for the process to end and its output to be read; kills it after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            await Task.WhenAll(_outputClosed.Task, _errorClosed.Task).WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await DisposeAsync();
            throw new TimeoutException($"{Name} did not finish within {timeout.TotalSeconds:0} s.{Environment.NewLine}{Log()}");
        }

        return _process.ExitCode;
    }

    /// <summary>Everything the process wrote so far, tagged by stream, for assertion messages.</summary>
    public string Log()
    {
        var text = new StringBuilder();
        foreach (var line in StandardOutput)
        {
            text.Append('[').Append(Name).Append("] ").AppendLine(line);
        }

        foreach (var line in StandardError)
        {
            text.Append('[').Append(Name).Append(":err] ").AppendLine(line);
        }

        var all = text.ToString();
        return all.Length > 20_000 ? "..." + all[^20_000..] : all;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Gone already, or it would not die: nothing more this test can do.
        }
    }

    /// <summary>Inherited variables that would configure .NET apps behind the test's back.</summary>
    private static bool Configures(string key) =>
        key.Contains("__", StringComparison.Ordinal) || key.StartsWith("ASPNETCORE_", StringComparison.Ordinal) ||
        key is "DOTNET_ENVIRONMENT" or "ASPNETCORE_ENVIRONMENT";

    private void Append(List<string> lines, string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }
    }
}
