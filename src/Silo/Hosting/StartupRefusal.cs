using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Silo.Hosting;

/// <summary>
/// The reasons a start is refused on purpose (a database in use or gone, a port taken, an unsafe listening address,
/// invalid settings): one line on stderr and exit code 1, not a stack trace.
/// </summary>
public static class StartupRefusal
{
    /// <summary>
    /// Runs a start-up step; a deliberate refusal becomes one line on stderr and exit code 1 instead of a stack trace
    /// (logging may not even be set up yet). Returns false when the start was refused.
    /// </summary>
    public static bool Try(Action step)
    {
        try
        {
            step();
            return true;
        }
        catch (Exception ex) when (Describe(ex) is { } reason)
        {
            Console.Error.WriteLine($"orleans-trading silo: refusing to start: {reason}");
            Environment.ExitCode = 1;
            return false;
        }
    }

    /// <summary>
    /// True when this process is the silo itself. Under the HTTP tests' host the exception must reach the test host
    /// unchanged (it starts the app and expects the validation exception), so only the real silo shortens it.
    /// </summary>
    private static bool IsTheSiloProcess =>
        System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name == typeof(StartupRefusal).Assembly.GetName().Name;

    /// <summary>A one-line reason when the exception (or one it wraps) is a deliberate refusal; null for anything else.</summary>
    public static string? Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StartupRefusedException refused:
                    return refused.Message;
                case Microsoft.Extensions.Options.OptionsValidationException invalid when IsTheSiloProcess:
                    return string.Join(" ", invalid.Failures);
                case AggregateException { InnerExceptions.Count: > 0 } many when Describe(many.InnerExceptions[0]) is { } inner:
                    return inner;
            }
        }

        return null;
    }
}
