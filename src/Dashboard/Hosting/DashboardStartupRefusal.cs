using OrleansTrading.GatewaySecurity;

namespace OrleansTrading.Dashboard.Hosting;

/// <summary>Thrown when the dashboard's settings do not allow a safe start; the message names every bad key.</summary>
public sealed class DashboardStartupRefusedException(string message) : Exception(message);

/// <summary>
/// A deliberate refusal to start (bad settings, unreadable certificates) is one line on stderr and exit code 1, like
/// the silo's, not a stack trace: logging may not even be set up yet.
/// </summary>
public static class DashboardStartupRefusal
{
    /// <summary>Runs a start-up step; returns false when the start was refused.</summary>
    public static bool Try(Action step)
    {
        try
        {
            step();
            return true;
        }
        catch (Exception ex) when (Describe(ex) is { } reason)
        {
            Console.Error.WriteLine($"orleans-trading dashboard: refusing to start: {reason}");
            Environment.ExitCode = 1;
            return false;
        }
    }

    private static string? Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DashboardStartupRefusedException or GatewayTlsException)
            {
                return e.Message;
            }
        }

        return null;
    }
}
