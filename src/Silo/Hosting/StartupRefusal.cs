using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Silo.Hosting;

/// <summary>
/// The reasons a start is refused on purpose (a database in use or gone, a port taken). Invalid settings still
/// surface as the options validation exception: the HTTP test host relies on seeing that exception thrown.
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

    /// <summary>A one-line reason when the exception (or one it wraps) is a deliberate refusal; null for anything else.</summary>
    public static string? Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StartupRefusedException refused:
                    return refused.Message;
                case AggregateException { InnerExceptions.Count: > 0 } many when Describe(many.InnerExceptions[0]) is { } inner:
                    return inner;
            }
        }

        return null;
    }
}
