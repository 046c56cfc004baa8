namespace OrleansTrading.Client;

/// <summary>
/// The <c>code</c> of the JSON error object that <c>--json</c> prints on stdout when a command fails: a stable word per
/// kind of failure, finer than the exit code (exit code 2 is both a refused flatten and a rejected signal).
/// </summary>
public static class ErrorCodes
{
    public const string InvalidArguments = "invalidArguments";

    /// <summary>The engine refused the input (exit code 1): a check only the engine can make, e.g. a quote jump.</summary>
    public const string InvalidInput = "invalidInput";

    public const string NotFound = "notFound";
    public const string AlreadyExists = "alreadyExists";
    public const string FlattenRefused = "flattenRefused";
    public const string ClusterUnavailable = "clusterUnavailable";
    public const string EngineError = "engineError";
    public const string SignalIdConflict = "signalIdConflict";
    public const string Cancelled = "cancelled";
}
